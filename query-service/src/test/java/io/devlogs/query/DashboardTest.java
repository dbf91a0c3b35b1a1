package io.devlogs.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.support.UnusedLogSearch;
import io.javalin.testtools.JavalinTest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The dashboard from the web module's jar is served at / without a key. */
class DashboardTest {
  private static QueryDeps deps() {
    return new QueryDeps(
        raw -> Optional.empty(),
        new UnusedLogSearch(),
        (projectId, request) -> List.of(),
        Clock.systemUTC());
  }

  @Test
  void rootServesTheDashboardPage() {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          Response response = client.get("/");
          assertThat(response.code()).isEqualTo(200);
          assertThat(response.header("Content-Type")).startsWith("text/html");
          String html = response.body().string();
          assertThat(html).contains("<title>devlogs</title>").contains("app.js");
        });
  }

  @Test
  void scriptAndStylesheetAreServed() {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          Response js = client.get("/app.js");
          assertThat(js.code()).isEqualTo(200);
          assertThat(js.body().string()).contains("/v1/logs").contains("/v1/streams/");
          assertThat(client.get("/app.css").code()).isEqualTo(200);
        });
  }
}
