package io.devlogs.query.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.devlogs.query.QueryServer;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.support.TestDeps;
import io.devlogs.query.support.UnusedLogSearch;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** An export that fails part-way: a clean error while nothing was sent, else a broken download. */
class ExportFailureTest {
  private static Javalin appFailingAfter(int events) {
    LogSearch search =
        new UnusedLogSearch() {
          @Override
          public void export(String projectId, LogQuery query, int limit, EventWriter writer) {
            try {
              writer.open();
              for (int i = 0; i < events; i++) {
                writer.write(
                    new LogEvent("e" + i, Instant.EPOCH, "INFO", "api", "run", "m", Map.of()));
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            throw new ApiException(ErrorCode.QUERY_TOO_LARGE, "too large");
          }
        };
    return QueryServer.createApp(
        TestDeps.of(key -> Optional.of(new ProjectKey("p_A", Scope.QUERY)), Clock.systemUTC())
            .withLogSearch(search));
  }

  private static Response export(io.javalin.testtools.HttpClient client) {
    return client.get("/v1/logs/export", r -> r.header("Authorization", "Bearer k"));
  }

  @Test
  void aFailureBeforeAnythingWasSentIsAnOrdinaryErrorAnswer() {
    JavalinTest.test(
        appFailingAfter(3),
        (server, client) -> {
          try (Response response = export(client)) {
            assertThat(response.code()).isEqualTo(422);
            assertThat(response.body().string())
                .isEqualTo("{\"error\":\"query_too_large\",\"message\":\"too large\"}");
          }
        });
  }

  @Test
  void aFailureAfterTheFirstBytesBreaksTheDownloadInsteadOfEndingItCleanly() {
    JavalinTest.test(
        appFailingAfter(100_000),
        (server, client) -> {
          try (Response response = export(client)) {
            assertThat(response.code()).isEqualTo(200);
            assertThatThrownBy(() -> response.body().string()).isInstanceOf(IOException.class);
          }
        });
  }
}
