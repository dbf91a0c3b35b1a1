package io.devlogs.query.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.devlogs.query.QueryDeps;
import io.devlogs.query.QueryServer;
import io.devlogs.query.http.BackendException;
import io.devlogs.query.streams.MeasuredStreamReader;
import io.devlogs.query.support.TestDeps;
import io.devlogs.query.tail.TailStats;
import io.javalin.testtools.JavalinTest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} of the query service: what it counts and that the dashboard never hides it.
 */
class QueryMetricsTest {
  private static final String KEY = "dl_query_METRICS";

  /** What Prometheus 2.x sends when it scrapes. */
  private static final String PROMETHEUS_ACCEPT =
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
          + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  private final QueryMetrics metrics = new QueryMetrics();

  private QueryDeps deps() {
    Map<String, ProjectKey> keys = Map.of(KEY, new ProjectKey("p_M", Scope.QUERY));
    return TestDeps.of(raw -> Optional.ofNullable(keys.get(raw)), Clock.systemUTC())
        .withMetrics(metrics)
        .withStreams(
            new MeasuredStreamReader(
                (project, request) -> List.of(), metrics.storeTimer(Store.CASSANDRA)));
  }

  @Test
  void aScraperGetsTheMetricsAndABrowserTheDashboardPage() {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          Response scrape = client.request("/metrics", b -> b.header("Accept", PROMETHEUS_ACCEPT));
          assertThat(scrape.code()).isEqualTo(200);
          assertThat(scrape.header("Content-Type")).startsWith("text/plain");
          assertThat(scrape.body().string())
              .contains("# TYPE devlogs_query_rejections_total counter");

          Response plain = client.get("/metrics");
          assertThat(plain.body().string()).contains("devlogs_query_request_seconds");

          Response page =
              client.request(
                  "/metrics", b -> b.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
          assertThat(page.header("Content-Type")).startsWith("text/html");
          assertThat(page.body().string()).contains("<div id=\"root\">");
        });
  }

  @Test
  void requestsAreCountedByRouteTemplateNotByPath() {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          for (String stream : List.of("build-1", "build-2", "build-3")) {
            Response response =
                client.request(
                    "/v1/streams/" + stream, b -> b.header("Authorization", "Bearer " + KEY));
            assertThat(response.code()).as(stream).isEqualTo(200);
          }
          client.get("/v1/no-such-route-" + System.nanoTime());
          String text = client.get("/metrics").body().string();

          assertThat(
                  value(
                      text,
                      "devlogs_query_requests_total{method=\"GET\",route=\"/v1/streams/{name}\",status=\"200\"}"))
              .isEqualTo(3);
          assertThat(
                  value(text, "devlogs_query_request_seconds_count{route=\"/v1/streams/{name}\"}"))
              .isEqualTo(3);
          assertThat(text).doesNotContain("build-1").doesNotContain("no-such-route");
          assertThat(
                  value(
                      text,
                      "devlogs_query_store_seconds_count{outcome=\"ok\",store=\"cassandra\"}"))
              .isEqualTo(3);
        });
  }

  @Test
  void storeFailuresRejectionsCacheAndTailAreCounted() {
    QueryDeps deps =
        deps()
            .withStreams(
                new MeasuredStreamReader(
                    (project, request) -> {
                      throw new BackendException("Cassandra", new RuntimeException("down"));
                    },
                    metrics.storeTimer(Store.CASSANDRA)));
    JavalinTest.test(
        QueryServer.createApp(deps),
        (server, client) -> {
          Response failed =
              client.request("/v1/streams/x", b -> b.header("Authorization", "Bearer " + KEY));
          assertThat(failed.code()).isEqualTo(503);
          metrics.rejected(Rejection.PROJECT_RATE);
          metrics.rejected(Rejection.PROJECT_RATE);
          metrics.cacheHit();
          metrics.cacheMiss();
          metrics.cacheMiss();
          metrics.observeTail(() -> new TailStats(4, 10, 2, 1, 500));
          metrics.gauge("devlogs_query_store_slots_in_use", "Store-query slots in use", () -> 7);

          String text = client.get("/metrics").body().string();
          assertThat(
                  value(
                      text,
                      "devlogs_query_store_seconds_count{outcome=\"error\",store=\"cassandra\"}"))
              .isEqualTo(1);
          assertThat(value(text, "devlogs_query_rejections_total{reason=\"project_rate\"}"))
              .isEqualTo(2);
          assertThat(value(text, "devlogs_query_rejections_total{reason=\"overloaded\"}"))
              .isEqualTo(0);
          assertThat(value(text, "devlogs_query_cache_requests_total{result=\"hit\"}"))
              .isEqualTo(1);
          assertThat(value(text, "devlogs_query_cache_requests_total{result=\"miss\"}"))
              .isEqualTo(2);
          assertThat(value(text, "devlogs_query_tail_sockets_open")).isEqualTo(4);
          assertThat(value(text, "devlogs_query_tail_refused_total")).isEqualTo(2);
          assertThat(value(text, "devlogs_query_store_slots_in_use")).isEqualTo(7);
        });
  }

  @Test
  void onlyHtmlAcceptHeadersAskForThePage() {
    assertThat(MetricsEndpoint.wantsPage(null)).isFalse();
    assertThat(MetricsEndpoint.wantsPage("*/*")).isFalse();
    assertThat(MetricsEndpoint.wantsPage(PROMETHEUS_ACCEPT)).isFalse();
    assertThat(MetricsEndpoint.wantsPage("text/html,*/*")).isTrue();
  }

  /** The value of one sample line of the text format. */
  private static double value(String text, String series) {
    Matcher line =
        Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
    assertThat(line.find()).as("series %s in:%n%s", series, text).isTrue();
    return Double.parseDouble(line.group(1));
  }
}
