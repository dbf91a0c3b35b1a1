package io.devlogs.query.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.http.ErrorResponses;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The CSRF check alone, on an app with one route that changes state and one that starts a session.
 */
class CsrfCheckTest {
  private static final String ORIGIN = "https://logs.example.com";

  private static Javalin app() {
    Javalin app = Javalin.create();
    app.beforeMatched("/v1/*", new CsrfCheck(Optional.of(ORIGIN)));
    app.post("/v1/auth/sign-out", ctx -> ctx.result("changed"));
    app.post("/v1/auth/sign-in", ctx -> ctx.result("signed in"));
    app.get("/v1/auth/session", ctx -> ctx.result("read"));
    ErrorResponses.register(app, LoggerFactory.getLogger(CsrfCheckTest.class), (ctx, e) -> {});
    return app;
  }

  @Test
  void changesNeedTheDashboardsOriginAndWithASessionItsToken() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String session = "raw-session-id";
          String token = Csrf.tokenFor(session);
          RequestBody empty = RequestBody.create(new byte[0], MediaType.get("application/json"));
          String url = client.getOrigin();
          assertThat(
                  status(
                      client.request(
                          "/v1/auth/sign-out",
                          b ->
                              b.post(empty)
                                  .header("Origin", ORIGIN)
                                  .header("Cookie", "devlogs_session=" + session)
                                  .header(Csrf.HEADER, token))))
              .isEqualTo(200);
          assertThat(
                  status(
                      client.request(
                          "/v1/auth/sign-out",
                          b ->
                              b.post(empty)
                                  .header("Origin", ORIGIN)
                                  .header("Cookie", "devlogs_session=" + session))))
              .as("no token")
              .isEqualTo(403);
          assertThat(
                  status(
                      client.request(
                          "/v1/auth/sign-out",
                          b ->
                              b.post(empty)
                                  .header("Origin", "https://evil.example")
                                  .header("Cookie", "devlogs_session=" + session)
                                  .header(Csrf.HEADER, token))))
              .as("another origin")
              .isEqualTo(403);
          assertThat(
                  status(
                      client.request(
                          "/v1/auth/sign-out",
                          b ->
                              b.post(empty)
                                  .header("Referer", ORIGIN + "/members")
                                  .header("Cookie", "devlogs_session=" + session)
                                  .header(Csrf.HEADER, token))))
              .as("the Referer's origin when there is no Origin")
              .isEqualTo(200);
          assertThat(
                  status(
                      client.request(
                          "/v1/auth/sign-in", b -> b.post(empty).header("Origin", ORIGIN))))
              .as("sign-in needs no session token")
              .isEqualTo(200);
          assertThat(status(client.request("/v1/auth/sign-in", b -> b.post(empty))))
              .as("but an origin")
              .isEqualTo(403);
          assertThat(
                  status(
                      client.request(
                          "/v1/auth/sign-out",
                          b -> b.post(empty).header("Authorization", "Bearer dl_query_x"))))
              .as("an API key is no cookie: no CSRF check")
              .isEqualTo(200);
          assertThat(status(client.get("/v1/auth/session"))).isEqualTo(200);
          assertThat(url).startsWith("http://");
        });
  }

  private static int status(Response response) {
    try (response) {
      return response.code();
    }
  }
}
