package io.devlogs.query.loki;

import static io.devlogs.query.loki.LokiApi.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.devlogs.query.QueryServer;
import io.devlogs.query.support.TestDeps;
import io.javalin.testtools.JavalinTest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Loki routes in the real app without a store: keys (bearer and basic), Loki's error shape,
 * Grafana's health check and what is refused before any store query.
 */
class LokiRoutesTest {
  private static final String KEY = "dl_query_AAAA";
  private static final String INGEST_KEY = "dl_ingest_AAAA";

  private static io.javalin.Javalin app() {
    Map<String, ProjectKey> keys =
        Map.of(
            KEY,
            new ProjectKey("p_A", Scope.QUERY),
            INGEST_KEY,
            new ProjectKey("p_A", Scope.INGEST));
    return QueryServer.createApp(
        TestDeps.of(raw -> Optional.ofNullable(keys.get(raw)), Clock.systemUTC()));
  }

  private static void assertError(LokiApi.Answer answer, int status, String message) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    JsonNode body = answer.json();
    assertThat(body.path("code").asInt()).isEqualTo(status);
    assertThat(body.path("status").asText()).isEqualTo("error");
    assertThat(body.path("message").asText()).contains(message);
  }

  @Test
  void theHealthCheckAnswersTwoWithBearerOrBasicAuth() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (LokiApi api :
              new LokiApi[] {LokiApi.bearer(client, KEY), LokiApi.basic(client, KEY)}) {
            JsonNode body =
                api.expect(
                    200,
                    "/loki/api/v1/query",
                    params("query", "vector(1)+vector(1)", "time", "4000000000"));
            assertThat(body.path("data").path("result").get(0).path("value").get(1).asText())
                .isEqualTo("2");
            JsonNode range =
                api.expect(
                    200,
                    "/loki/api/v1/query_range",
                    params("query", "vector(1)", "start", "1", "end", "4", "step", "1"));
            assertThat(range.path("data").path("resultType").asText()).isEqualTo("matrix");
            assertThat(range.path("data").path("result").get(0).path("values").toString())
                .isEqualTo("[[1,\"1\"],[2,\"1\"],[3,\"1\"],[4,\"1\"]]");
          }
          JsonNode scalar =
              LokiApi.bearer(client, KEY)
                  .expect(200, "/loki/api/v1/query", params("query", "1+1", "time", "10"));
          assertThat(scalar.path("data").path("resultType").asText()).isEqualTo("scalar");
          assertThat(scalar.path("data").path("result").toString()).isEqualTo("[10,\"2\"]");
        });
  }

  @Test
  void keysAndProblemsAreAnsweredInLokisShape() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          assertError(
              LokiApi.anonymous(client).get("/loki/api/v1/labels", Map.of()),
              401,
              "missing API key");
          assertError(
              LokiApi.basic(client, "dl_query_nope").get("/loki/api/v1/labels", Map.of()),
              401,
              "invalid API key");
          assertError(
              LokiApi.bearer(client, INGEST_KEY).get("/loki/api/v1/labels", Map.of()),
              403,
              "'query' scope");
          LokiApi api = LokiApi.bearer(client, KEY);
          assertError(
              api.get("/loki/api/v1/query_range", params("query", "{service=\"api\"")),
              400,
              "parse error at line 1, column 15");
          assertError(
              api.get("/loki/api/v1/query_range", Map.of()), 400, "parameter 'query': required");
          assertError(
              api.get(
                  "/loki/api/v1/query_range",
                  params("query", "{service=\"api\"}", "limit", "6000")),
              400,
              "max entries limit per query exceeded");
          assertError(
              api.get("/loki/api/v1/query", params("query", "{service=\"api\"}")),
              400,
              "log queries are not supported");
          assertError(
              api.get("/loki/api/v1/index/stats", params("query", "rate({a=\"b\"}[1m])")),
              400,
              "stream selector");
          assertError(api.get("/loki/api/v1/drilldown-limits", Map.of()), 404, "no such endpoint");
          assertError(
              api.get("/loki/api/v1/tail", params("query", "{service=\"api\"}")), 400, "WebSocket");
          JsonNode buildInfo = api.expect(200, "/loki/api/v1/status/buildinfo", Map.of());
          assertThat(buildInfo.path("version").asText()).isEqualTo("2.9.0");
        });
  }
}
