package io.devlogs.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.support.TestDeps;
import io.javalin.testtools.JavalinTest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The dashboard from the web module's jar is served at / without a key, and its client-side routes
 * fall back to its index.html.
 */
class DashboardTest {
  private static QueryDeps deps() {
    return TestDeps.of(raw -> Optional.empty(), Clock.systemUTC());
  }

  @Test
  void rootServesTheDashboardPage() {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          Response response = client.get("/");
          assertThat(response.code()).isEqualTo(200);
          assertThat(response.header("Content-Type")).startsWith("text/html");
          assertThat(response.body().string())
              .contains("<title>devlogs</title>")
              .contains("<div id=\"root\">");
        });
  }

  @Test
  void clientSideRoutesServeTheDashboardPage() {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          for (String route :
              List.of("/search?q=x", "/tail", "/metrics", "/streams/build-1.2", "/events/abc")) {
            // as a browser asks: /metrics without text/html is the Prometheus endpoint
            Response response =
                client.request(route, b -> b.header("Accept", "text/html,*/*;q=0.8"));
            assertThat(response.code()).as(route).isEqualTo(200);
            assertThat(response.header("Content-Type")).as(route).startsWith("text/html");
            assertThat(response.body().string()).as(route).contains("<div id=\"root\">");
          }
        });
  }

  @Test
  void bundledScriptIsServedAndMissingAssetsStayNotFound() {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          String html = client.get("/").body().string();
          Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(html);
          assertThat(script.find()).as("index.html names its script: %s", html).isTrue();
          Response js = client.get(script.group(1));
          assertThat(js.code()).isEqualTo(200);
          assertThat(js.body().string()).contains("/v1/logs");
          assertThat(client.get("/assets/missing.js").code()).isEqualTo(404);
        });
  }

  @Test
  void unknownApiPathsStayJsonNotFound() {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          Response response = client.get("/v1/nothing-here");
          assertThat(response.code()).isEqualTo(404);
          assertThat(response.body().string()).contains("\"error\":\"not_found\"");
        });
  }
}
