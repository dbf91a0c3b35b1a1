package io.devlogs.query.loki;

import static io.devlogs.query.loki.Expected.attr;
import static io.devlogs.query.loki.Expected.labels;
import static io.devlogs.query.loki.Expected.level;
import static io.devlogs.query.loki.LokiApi.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.query.load.CachedRoute;
import io.devlogs.query.load.LocalResultCache;
import io.devlogs.query.load.QueryLoad;
import io.devlogs.query.load.QueryRateLimiter;
import io.devlogs.query.load.StoreGate;
import io.devlogs.query.logql.LogqlEvents;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.query.support.TestProject;
import io.devlogs.query.support.TestProjects;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.devlogs.topics.ParsedEvent;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The requests Grafana's stock Loki data source makes when a user tests the data source, opens
 * Explore, runs a log query and a metric query and browses labels, replayed against the query app
 * on the real stack, and the answers read the way Grafana reads them. Each request quotes the
 * Grafana source lines it follows (grafana/grafana, {@code pkg/tsdb/loki} for the backend's query
 * requests, {@code public/app/plugins/datasource/loki} for the frontend's resource calls, which the
 * backend forwards as {@code /loki/api/v1/<resource>}); the answers' shapes are those of {@code
 * pkg/util/converter/prom.go} ({@code ReadPrometheusStyleResult}) and {@code frame.go}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class LokiGrafanaIT {
  private final LocalStack stack;
  private final TestProjects projects;
  private LogqlEvents fixture;
  private List<ParsedEvent> events;
  private TestProject project;
  private TestProject other;

  LokiGrafanaIT(LocalStack stack) {
    this.stack = stack;
    this.projects = new TestProjects(stack);
  }

  /** A new app for each test: a Javalin app starts once. */
  private Javalin newApp() {
    return LocalQueryApp.create(stack.settings(), projects.keyStore());
  }

  @BeforeAll
  void seed() {
    project = projects.create("loki-grafana");
    other = projects.create("loki-grafana-other");
    fixture = new LogqlEvents(project.id(), 300, 41);
    fixture.insert(stack.settings());
    events = fixture.events;
  }

  private String startNs() {
    return Long.toString(Expected.nanos(fixture.start));
  }

  private String endNs() {
    return Long.toString(Expected.nanos(fixture.end.plusSeconds(1)));
  }

  /** Grafana's data source with basic auth, the key as password. */
  private void grafana(BiConsumer<LokiApi, io.javalin.testtools.HttpClient> test) {
    JavalinTest.test(
        newApp(),
        (server, client) -> test.accept(LokiApi.basic(client, project.queryKey()), client));
  }

  @Test
  void saveAndTestRunsTheHealthCheckQuery() {
    // healthcheck.go: Expr: "vector(1)+vector(1)", QueryType "instant", TimeRange From
    // time.Unix(1, 0) To time.Unix(4, 0); api.go makeDataRequest for QueryTypeInstant:
    // qs.Set("time", strconv.FormatInt(query.End.UnixNano(), 10)). It then requires one frame of
    // two fields whose value is 2.
    grafana(
        (api, client) -> {
          JsonNode body =
              api.expect(
                  200,
                  "/loki/api/v1/query",
                  params(
                      "query",
                      "vector(1)+vector(1)",
                      "direction",
                      "backward",
                      "time",
                      "4000000000"));
          assertThat(body.path("status").asText()).isEqualTo("success");
          assertThat(body.path("data").path("resultType").asText()).isEqualTo("vector");
          JsonNode result = body.path("data").path("result");
          assertThat(result.size()).isEqualTo(1);
          assertThat(result.get(0).path("metric").size()).isZero();
          assertThat(result.get(0).path("value").get(0).isNumber()).isTrue();
          assertThat(Double.parseDouble(result.get(0).path("value").get(1).asText()))
              .isEqualTo(2.0);
        });
  }

  @Test
  void exploreLogQueryAnswersStreamsAsTheConverterReadsThem() {
    // api.go makeDataRequest: qs.Set("query", query.Expr); qs.Set("direction", ...);
    // qs.Set("limit", fmt.Sprintf("%d", query.MaxLines)); for QueryTypeRange qs.Set("start",
    // strconv.FormatInt(query.Start.UnixNano(), 10)), qs.Set("end", ...), qs.Set("step",
    // fmt.Sprintf("%dms", query.Step.Milliseconds())); path /loki/api/v1/query_range;
    // req.Header.Set("X-Query-Tags", "Source="+value) for supporting queries.
    String logql = "{service=\"api\"} |= \"error\"";
    grafana(
        (api, client) -> {
          JsonNode body =
              api.expect(
                  200,
                  "/loki/api/v1/query_range",
                  params(
                      "direction",
                      "backward",
                      "end",
                      endNs(),
                      "limit",
                      "1000",
                      "query",
                      logql,
                      "start",
                      startNs(),
                      "step",
                      "2000ms"));
          // ReadPrometheusStyleResult: "status", then "data" with "resultType" before "result"
          // (the result is read according to the type) and "stats" after it.
          assertThat(body.path("status").asText()).isEqualTo("success");
          List<String> dataFields = new ArrayList<>();
          body.path("data").fieldNames().forEachRemaining(dataFields::add);
          assertThat(dataFields).containsExactly("resultType", "result", "stats");
          assertThat(body.path("data").path("resultType").asText()).isEqualTo("streams");
          // readStream: each entry's "stream" is read into data.Labels (string values) and each
          // of "values" is [ts string, line string], ts of up to 19 digits (timeFromLokiString).
          List<String> lines = new ArrayList<>();
          long previous = Long.MAX_VALUE;
          for (JsonNode stream : body.path("data").path("result")) {
            assertThat(stream.path("stream").isObject()).isTrue();
            stream.path("stream").forEach(v -> assertThat(v.isTextual()).isTrue());
            assertThat(stream.path("stream").path("service").asText()).isEqualTo("api");
            for (JsonNode value : stream.path("values")) {
              assertThat(value.size()).isEqualTo(2);
              assertThat(value.get(0).isTextual()).isTrue();
              assertThat(value.get(0).asText()).matches("[0-9]{19}");
              assertThat(value.get(1).isTextual()).isTrue();
              long ts = Long.parseLong(value.get(0).asText());
              assertThat(ts).isLessThanOrEqualTo(previous);
              previous = ts;
              lines.add(ts + "|" + value.get(1).asText());
            }
            previous = Long.MAX_VALUE;
          }
          assertThat(lines)
              .containsExactlyInAnyOrderElementsOf(
                  Expected.lines(
                      events,
                      e -> e.service().equals("api") && e.message().contains("error"),
                      fixture.start,
                      fixture.end.plusSeconds(1),
                      1000));
          assertThat(lines).isNotEmpty();
          // frame.go parseStats: stats.summary's bytesProcessedPerSecond, linesProcessedPerSecond,
          // totalBytesProcessed, totalLinesProcessed and execTime as numbers.
          JsonNode summary = body.path("data").path("stats").path("summary");
          for (String field :
              List.of(
                  "bytesProcessedPerSecond",
                  "linesProcessedPerSecond",
                  "totalBytesProcessed",
                  "totalLinesProcessed",
                  "execTime")) {
            assertThat(summary.path(field).isNumber()).as(field).isTrue();
          }
          assertThat(summary.path("totalLinesProcessed").asLong()).isEqualTo(lines.size());
        });
  }

  @Test
  void logsVolumeAndMetricQueriesAnswerMatrixAndVector() {
    // datasource.ts getSupplementaryQuery, LogsVolume: expr: `sum by (level)
    // (count_over_time(${expr}[$__interval]))`, supportingQueryType LogsVolume (api.go:
    // X-Query-Tags: Source=logvolhist); the interval and step here are one minute.
    String volume = "sum by (level) (count_over_time({service=~\".+\"}[1m]))";
    grafana(
        (api, client) -> {
          JsonNode body =
              api.expect(
                  200,
                  "/loki/api/v1/query_range",
                  params(
                      "direction",
                      "backward",
                      "end",
                      Long.toString(Expected.nanos(fixture.end)),
                      "limit",
                      "1000",
                      "query",
                      volume,
                      "start",
                      startNs(),
                      "step",
                      "60000ms"));
          assertThat(body.path("data").path("resultType").asText()).isEqualTo("matrix");
          // readMatrixOrVector: "metric" read into data.Labels, each of "values" read by
          // readTimeValuePair: ReadFloat64 (seconds) then ReadString parsed as a float.
          Map<String, Double> got = new TreeMap<>();
          for (JsonNode series : body.path("data").path("result")) {
            Set<String> names = new HashSet<>();
            series.path("metric").fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactly("level");
            for (JsonNode point : series.path("values")) {
              assertThat(point.get(0).isNumber()).isTrue();
              assertThat(point.get(1).isTextual()).isTrue();
              got.put(
                  series.path("metric").path("level").asText()
                      + "@"
                      + point.get(0).decimalValue().stripTrailingZeros().toPlainString(),
                  Double.parseDouble(point.get(1).asText()));
            }
          }
          Map<String, Double> want = new TreeMap<>();
          Expected.metric(
                  events,
                  e -> true,
                  Duration.ofMinutes(1),
                  fixture.start,
                  fixture.end,
                  Duration.ofMinutes(1),
                  e -> labels("level", level(e)),
                  g -> (double) g.size())
              .forEach((key, value) -> want.put(key.replaceAll("^\\{level=(.*)}@", "$1@"), value));
          assertThat(got).isEqualTo(want);

          // A metric query run as instant (Explore's "Instant" or a stat panel): QueryTypeInstant.
          Instant at = fixture.end;
          JsonNode instant =
              api.expect(
                  200,
                  "/loki/api/v1/query",
                  params(
                      "direction", "backward",
                      "limit", "1000",
                      "query", "sum by (service) (rate({service=~\".+\"} |= \"error\" [30m]))",
                      "time", Long.toString(Expected.nanos(at))));
          assertThat(instant.path("data").path("resultType").asText()).isEqualTo("vector");
          Map<String, Double> rates = new TreeMap<>();
          for (JsonNode sample : instant.path("data").path("result")) {
            assertThat(sample.path("value").get(0).asLong()).isEqualTo(at.getEpochSecond());
            rates.put(
                sample.path("metric").path("service").asText(),
                Double.parseDouble(sample.path("value").get(1).asText()));
          }
          Map<String, Double> wantRates =
              events.stream()
                  .filter(e -> e.message().contains("error"))
                  .filter(e -> e.epochNanos() > Expected.nanos(at.minusSeconds(1800)))
                  .filter(e -> e.epochNanos() <= Expected.nanos(at))
                  .collect(
                      Collectors.groupingBy(
                          ParsedEvent::service,
                          TreeMap::new,
                          Collectors.collectingAndThen(Collectors.counting(), n -> n / 1800.0)));
          assertThat(rates.keySet()).isEqualTo(wantRates.keySet());
          wantRates.forEach(
              (s, r) ->
                  assertThat(rates.get(s))
                      .isCloseTo(r, org.assertj.core.data.Offset.offset(1e-12)));
        });
  }

  @Test
  void labelBrowserSeriesAndQueryStats() {
    // LanguageProvider.ts fetchLabelsByLabelsEndpoint: url 'labels', params { start, end } from
    // getTimeRangeParams (milliseconds * NS_IN_MS); the answer's `data` must be an array
    // (metadataRequest returns res.data ?? res; Array.isArray(res)).
    grafana(
        (api, client) -> {
          Map<String, String> range = params("start", startNs(), "end", endNs());
          JsonNode labels = api.expect(200, "/loki/api/v1/labels", range);
          assertThat(labels.path("status").asText()).isEqualTo("success");
          List<String> names = new ArrayList<>();
          labels.path("data").forEach(n -> names.add(n.asText()));
          assertThat(names)
              .containsExactly(
                  "latency", "level", "service", "size", "status", "stream", "user.id");

          // fetchLabelValues: url `label/${label}/values`, params { start, end } and `query` when
          // a stream selector narrows it.
          JsonNode services = api.expect(200, "/loki/api/v1/label/service/values", range);
          List<String> serviceValues = new ArrayList<>();
          services.path("data").forEach(v -> serviceValues.add(v.asText()));
          assertThat(serviceValues)
              .containsExactlyElementsOf(
                  new TreeSet<>(events.stream().map(ParsedEvent::service).toList()));
          Map<String, String> narrowed = new TreeMap<>(range);
          narrowed.put("query", "{service=\"api\"}");
          JsonNode levels = api.expect(200, "/loki/api/v1/label/level/values", narrowed);
          List<String> levelValues = new ArrayList<>();
          levels.path("data").forEach(v -> levelValues.add(v.asText()));
          assertThat(levelValues)
              .containsExactlyElementsOf(
                  new TreeSet<>(
                      events.stream()
                          .filter(e -> e.service().equals("api"))
                          .map(Expected::level)
                          .toList()));

          // fetchSeriesLabels: url 'series', params { 'match[]': interpolatedMatch, start, end };
          // processLabels reads an array of label objects.
          Map<String, String> match = new TreeMap<>(range);
          match.put("match[]", "{service=\"web\", stream=\"deploy\"}");
          JsonNode series = api.expect(200, "/loki/api/v1/series", match);
          Set<Map<String, String>> gotSeries = new HashSet<>();
          for (JsonNode one : series.path("data")) {
            Map<String, String> labelSet = new TreeMap<>();
            one.fields().forEachRemaining(f -> labelSet.put(f.getKey(), f.getValue().asText()));
            gotSeries.add(labelSet);
          }
          assertThat(gotSeries)
              .isEqualTo(
                  events.stream()
                      .filter(e -> e.service().equals("web") && e.stream().equals("deploy"))
                      .map(Expected::stream)
                      .collect(Collectors.toSet()));

          // datasource.ts getQueryStats: metadataRequest('index/stats', { query: labelMatcher,
          // start, end }) and sums data.streams, data.chunks, data.bytes, data.entries.
          Map<String, String> statsParams = new TreeMap<>(range);
          statsParams.put("query", "{service=\"api\"}");
          JsonNode stats = api.expect(200, "/loki/api/v1/index/stats", statsParams);
          List<ParsedEvent> apiEvents =
              events.stream().filter(e -> e.service().equals("api")).toList();
          assertThat(stats.path("entries").asLong()).isEqualTo(apiEvents.size());
          assertThat(stats.path("bytes").asLong())
              .isEqualTo(apiEvents.stream().mapToLong(Expected::bytes).sum());
          assertThat(stats.path("streams").asLong())
              .isEqualTo(apiEvents.stream().map(Expected::stream).distinct().count());
          assertThat(stats.path("chunks").isNumber()).isTrue();

          // index/volume (allowed resource in newer Grafana): a vector of bytes per service.
          Map<String, String> volumeParams = new TreeMap<>(range);
          volumeParams.put("query", "{service=~\".+\"}");
          volumeParams.put("limit", "2");
          JsonNode volume = api.expect(200, "/loki/api/v1/index/volume", volumeParams);
          assertThat(volume.path("data").path("resultType").asText()).isEqualTo("vector");
          Map<String, Long> bytesPerService =
              events.stream()
                  .collect(
                      Collectors.groupingBy(
                          ParsedEvent::service, Collectors.summingLong(Expected::bytes)));
          List<Long> top2 =
              bytesPerService.values().stream()
                  .sorted(java.util.Comparator.reverseOrder())
                  .limit(2)
                  .toList();
          List<Long> gotVolumes = new ArrayList<>();
          volume
              .path("data")
              .path("result")
              .forEach(r -> gotVolumes.add(Long.parseLong(r.path("value").get(1).asText())));
          assertThat(gotVolumes).isEqualTo(top2);

          // detected_fields (allowed resource): the attribute keys with their cardinality.
          Map<String, String> fieldParams = new TreeMap<>(range);
          fieldParams.put("query", "{service=~\".+\"}");
          JsonNode fields = api.expect(200, "/loki/api/v1/detected_fields", fieldParams);
          Map<String, Long> cardinality = new TreeMap<>();
          fields
              .path("fields")
              .forEach(
                  f -> cardinality.put(f.path("label").asText(), f.path("cardinality").asLong()));
          assertThat(cardinality.keySet()).containsExactly("latency", "size", "status", "user.id");
          assertThat(cardinality.get("user.id"))
              .isEqualTo(
                  events.stream()
                      .filter(e -> e.attributes().containsKey("user.id"))
                      .map(e -> attr(e, "user.id"))
                      .distinct()
                      .count());

          JsonNode buildInfo = api.expect(200, "/loki/api/v1/status/buildinfo", Map.of());
          assertThat(buildInfo.path("version").asText())
              .isEqualTo(LokiMetadataController.LOKI_VERSION);
          JsonNode patterns =
              api.expect(200, "/loki/api/v1/patterns", params("query", "{service=\"api\"}"));
          assertThat(patterns.path("data").isArray()).isTrue();
        });
  }

  @Test
  void theKeyDecidesTheProjectAndErrorsHaveLokisShape() {
    JavalinTest.test(
        newApp(),
        (server, client) -> {
          Map<String, String> query =
              params(
                  "query",
                  "{service=~\".+\"}",
                  "start",
                  startNs(),
                  "end",
                  endNs(),
                  "limit",
                  "5000");
          // The same request with the key as bearer token, as basic password, and as POST form.
          int lines =
              countLines(
                  LokiApi.bearer(client, project.queryKey())
                      .get("/loki/api/v1/query_range", query));
          assertThat(lines).isEqualTo(events.size());
          assertThat(
                  countLines(
                      LokiApi.basic(client, project.queryKey())
                          .get("/loki/api/v1/query_range", query)))
              .isEqualTo(lines);
          assertThat(
                  countLines(
                      LokiApi.basic(client, project.queryKey())
                          .post("/loki/api/v1/query_range", query)))
              .isEqualTo(lines);
          // Another project's key sees none of these events.
          assertThat(
                  countLines(
                      LokiApi.bearer(client, other.queryKey())
                          .get("/loki/api/v1/query_range", query)))
              .isZero();
          assertThat(
                  LokiApi.bearer(client, other.queryKey())
                      .expect(
                          200, "/loki/api/v1/labels", params("start", startNs(), "end", endNs()))
                      .path("data")
                      .size())
              .isZero();

          assertLokiError(
              LokiApi.anonymous(client).get("/loki/api/v1/query_range", query),
              401,
              "missing API key");
          assertLokiError(
              LokiApi.bearer(client, "dl_query_nope").get("/loki/api/v1/labels", Map.of()),
              401,
              "invalid API key");
          assertLokiError(
              LokiApi.bearer(client, project.ingestKey()).get("/loki/api/v1/labels", Map.of()),
              403,
              "scope");
          assertLokiError(
              LokiApi.bearer(client, project.queryKey())
                  .get("/loki/api/v1/query_range", params("query", "{service=")),
              400,
              "parse error at line 1, column");
          assertLokiError(
              LokiApi.bearer(client, project.queryKey())
                  .get("/loki/api/v1/no_such_thing", Map.of()),
              404,
              "no such endpoint");
          assertLokiError(
              LokiApi.bearer(client, project.queryKey())
                  .get(
                      "/loki/api/v1/query_range",
                      params("query", "{service=\"api\"}", "step", "0")),
              400,
              "zero or negative query resolution step");
        });
  }

  @Test
  void theCrowdProtectionsApplyToLokiRoutes() {
    Clock clock = Clock.systemUTC();
    QueryLoad load =
        new QueryLoad(
            new QueryRateLimiter(1_000, 3),
            StoreGate.unbounded(),
            new CachedRoute(
                new LocalResultCache(1 << 20),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ZERO,
                clock,
                hit -> {}));
    JavalinTest.test(
        LocalQueryApp.create(stack.settings(), projects.keyStore(), load, search -> search),
        (server, client) -> {
          LokiApi api = LokiApi.bearer(client, project.queryKey());
          Map<String, String> past =
              params("query", "{service=\"api\"}", "start", startNs(), "end", endNs());
          try (okhttp3.Response first =
                  client.get(
                      "/loki/api/v1/query_range?" + LokiApi.encode(past),
                      r -> r.header("Authorization", "Bearer " + project.queryKey()));
              okhttp3.Response second =
                  client.get(
                      "/loki/api/v1/query_range?" + LokiApi.encode(past),
                      r -> r.header("Authorization", "Bearer " + project.queryKey()))) {
            assertThat(first.code()).isEqualTo(200);
            assertThat(first.header(CachedRoute.HEADER)).isEqualTo("miss");
            assertThat(second.header(CachedRoute.HEADER)).isEqualTo("hit");
          }
          LokiApi.Answer refused = api.get("/loki/api/v1/labels", Map.of());
          for (int i = 0; i < 5 && refused.status() != 429; i++) {
            refused = api.get("/loki/api/v1/labels", Map.of());
          }
          assertLokiError(refused, 429, "");
        });
  }

  private static int countLines(LokiApi.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    int lines = 0;
    for (JsonNode stream : answer.json().path("data").path("result")) {
      lines += stream.path("values").size();
    }
    return lines;
  }

  private static void assertLokiError(LokiApi.Answer answer, int status, String message) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    JsonNode body = answer.json();
    assertThat(body.path("status").asText()).isEqualTo("error");
    assertThat(body.path("code").asInt()).isEqualTo(status);
    assertThat(body.path("message").asText()).contains(message);
  }
}
