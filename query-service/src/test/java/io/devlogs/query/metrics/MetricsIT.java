package io.devlogs.query.metrics;

import static io.devlogs.query.support.QueryApi.enc;
import static io.devlogs.query.support.QueryApi.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.latency.LatencyBuckets;
import io.devlogs.query.QueryOptions;
import io.devlogs.query.QueryServer;
import io.devlogs.query.clickhouse.ClickHouseLimits;
import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.http.JsonMapping;
import io.devlogs.query.support.ClickHouseRows;
import io.devlogs.query.support.IngestApi;
import io.devlogs.query.support.QueryApi;
import io.devlogs.query.support.TestDeps;
import io.devlogs.query.support.TestProject;
import io.devlogs.query.support.TestProjects;
import io.devlogs.settings.Settings;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.devlogs.testing.Poll;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics endpoints against the real stack: window rows written straight into ClickHouse {@code
 * event_windows} and {@code event_hours} for two fresh projects (read back as the read-only {@code
 * devlogs_reader}), and events posted through ingest and the running Flink job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class MetricsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CLICKHOUSE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String[] SERVICES = {"api", "worker"};
  private static final String[] LEVELS = {"INFO", "ERROR"};

  /** Counts of project B: large enough that any leak into A's answers is unmistakable. */
  private static final long FOREIGN_EVENTS = 1_000_000;

  private final LocalStack stack;
  private final Settings settings;
  private final QueryOptions options;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  /** Three whole hours of rows, a day and a half ago. */
  private final Instant hour0 =
      Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(36));

  /**
   * The end of the range the tests read: twelve hours from {@link #hour0}, the least for which
   * whole hours are read from {@code event_hours} (ClickHouseWindowTotals.Hours).
   */
  private final Instant rangeEnd = hour0.plus(Duration.ofHours(12));

  private final Instant versioned = hour0.plus(Duration.ofMinutes(5));

  private final List<MinuteWindow> windowsA = new ArrayList<>();
  private final TestProjects projects;
  private TestProject projectA;
  private TestProject projectB;
  private String keyA;
  private String keyB;

  /** One minute row as the Flink job writes it, with the durations behind its histogram. */
  record MinuteWindow(
      Instant minute, String service, String level, long events, List<Integer> durations) {
    long errors() {
      return level.equals("ERROR") || level.equals("FATAL") ? events : 0;
    }
  }

  MetricsIT(LocalStack stack) {
    this.stack = stack;
    this.settings = stack.settings();
    this.options = QueryOptions.from(settings);
    this.projects = new TestProjects(stack);
  }

  @BeforeAll
  void seed() throws Exception {
    projectA = projects.create("it-metrics-a");
    projectB = projects.create("it-metrics-b");
    keyA = projectA.queryKey();
    keyB = projectB.queryKey();

    Random random = new Random(run.hashCode());
    for (int minute = 0; minute < 180; minute += 1 + random.nextInt(9)) {
      for (String service : SERVICES) {
        for (String level : LEVELS) {
          if (random.nextInt(4) == 0) {
            continue;
          }
          int events = 1 + random.nextInt(30);
          List<Integer> durations = new ArrayList<>();
          // Only api's events carry durations; integer milliseconds are stored exactly.
          for (int i = 0; service.equals("api") && i < events; i++) {
            durations.add(
                (int)
                    Math.round(
                        Math.exp(Math.log(minute % 7 == 0 ? 900 : 40) + random.nextGaussian())));
          }
          windowsA.add(
              new MinuteWindow(
                  hour0.plus(Duration.ofMinutes(minute)), service, level, events, durations));
        }
      }
    }
    ClickHouseRows writer = new ClickHouseRows(settings);
    List<Map<String, Object>> rows = new ArrayList<>();
    windowsA.forEach(w -> rows.add(row(projectA, w, 1)));
    for (String service : new String[] {"api", "b-only"}) {
      rows.add(
          row(
              projectB,
              new MinuteWindow(
                  hour0.plus(Duration.ofMinutes(1)),
                  service,
                  "ERROR",
                  FOREIGN_EVENTS,
                  List.of(5_000_000)),
              1));
    }
    writer.insert("devlogs.event_windows", rows);
    // A window rewritten three times, in separate inserts (separate parts, not yet merged): only
    // the highest version may count.
    writer.insert(
        "devlogs.event_windows",
        List.of(
            row(projectA, new MinuteWindow(versioned, "versioned", "ERROR", 100, List.of(1)), 1)));
    writer.insert(
        "devlogs.event_windows",
        List.of(
            row(
                projectA,
                new MinuteWindow(versioned, "versioned", "ERROR", 7, List.of(3, 3, 4)),
                3)));
    writer.insert(
        "devlogs.event_windows",
        List.of(
            row(projectA, new MinuteWindow(versioned, "versioned", "ERROR", 50, List.of(2)), 2)));
    List<Map<String, Object>> hourRows = hourRows();
    hourRows.add(
        hourRow(
            row(
                projectB,
                new MinuteWindow(hour0, "b-only", "ERROR", FOREIGN_EVENTS, List.of(5_000_000)),
                1)));
    writer.insert("devlogs.event_hours", hourRows);
  }

  /**
   * The hourly rollup of project A as the job writes it, with gaps the reads must fill from the
   * minute rows: the first hour has a row for every key; the second lacks one key's row (not yet
   * committed); the third has none (still open). Every hour row is also written once before, at a
   * lower version, with a million events that must never count.
   */
  private List<Map<String, Object>> hourRows() {
    Map<String, MinuteWindow> hours = new TreeMap<>();
    for (MinuteWindow w : windowsWithVersioned()) {
      Instant hour = w.minute().truncatedTo(ChronoUnit.HOURS);
      if (hour.equals(hour0.plus(Duration.ofHours(2)))) {
        continue;
      }
      hours.merge(
          hour + "/" + w.service() + "/" + w.level(),
          new MinuteWindow(hour, w.service(), w.level(), w.events(), w.durations()),
          (a, b) -> {
            List<Integer> durations = new ArrayList<>(a.durations());
            durations.addAll(b.durations());
            return new MinuteWindow(
                hour, a.service(), a.level(), a.events() + b.events(), durations);
          });
    }
    hours.remove(hour0.plus(Duration.ofHours(1)) + "/worker/INFO");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (MinuteWindow hour : hours.values()) {
      MinuteWindow stale =
          new MinuteWindow(hour.minute(), hour.service(), hour.level(), 1_000_000, List.of(1));
      rows.add(hourRow(row(projectA, stale, 1)));
      rows.add(hourRow(row(projectA, hour, 2)));
    }
    return rows;
  }

  /** A minute row as the row of the hour it starts: {@code event_hours} names its time hour. */
  private static Map<String, Object> hourRow(Map<String, Object> minuteRow) {
    Map<String, Object> row = new LinkedHashMap<>();
    minuteRow.forEach((column, value) -> row.put(column.equals("minute") ? "hour" : column, value));
    return row;
  }

  private Javalin app() {
    return app(options.clickhouseUrl(), options.clickhouseLimits());
  }

  /** The app reading {@code clickhouseUrl} as the read-only user the service runs as. */
  private Javalin app(String clickhouseUrl, ClickHouseLimits limits) {
    DataSource reader =
        ClickHouseReader.dataSource(
            clickhouseUrl, options.clickhouseUser(), options.clickhousePassword(), limits);
    return QueryServer.createApp(
        TestDeps.withProjectKeys(projects.keyStore())
            .withWindowTotals(new ClickHouseWindowTotals(new ClickHouseReader(reader, limits))));
  }

  @Test
  void aQueryOverClickHousesLimitsIs422AndClickHouseDownIs503() {
    String path = "/v1/metrics/series?" + range(hour0, rangeEnd);
    JavalinTest.test(
        app(options.clickhouseUrl(), new ClickHouseLimits(30, 30, 1, 1_000_000_000L)),
        (server, client) -> {
          JsonNode refused = new QueryApi(client, keyA).expect(422, path);
          assertThat(refused.path("error").asText()).isEqualTo("query_too_large");
          assertThat(refused.path("message").asText()).contains("narrow");
        });
    JavalinTest.test(
        app("jdbc:clickhouse://127.0.0.1:1/devlogs", options.clickhouseLimits()),
        (server, client) -> {
          JsonNode unavailable = new QueryApi(client, keyA).expect(503, path);
          assertThat(unavailable.path("error").asText()).isEqualTo("backend_unavailable");
        });
  }

  @Test
  void onlyTheHighestVersionOfAWindowCounts() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String range = range(versioned, versioned.plusSeconds(60));
          JsonNode series =
              get(client, "/v1/metrics/series?" + range + "&service=versioned", keyA)
                  .path("series");
          assertThat(series).hasSize(1);
          JsonNode point = series.get(0).path("points").get(0);
          assertThat(point.path("start").asText()).isEqualTo(JsonMapping.timestamp(versioned));
          assertThat(point.path("events").asLong()).isEqualTo(7);
          assertThat(point.path("errors").asLong()).isEqualTo(7);
          assertThat(point.path("p99").asDouble()).isEqualTo(4.0);

          JsonNode top =
              get(client, "/v1/metrics/top?" + range + "&by=events", keyA).path("services");
          assertThat(top.findValuesAsText("service")).contains("versioned");
          for (JsonNode service : top) {
            if (service.path("service").asText().equals("versioned")) {
              assertThat(service.path("events").asLong()).isEqualTo(7);
            }
          }
        });
  }

  @Test
  void minutesSumIntoHoursAndDaysWithPercentilesOfTheSummedHistogram() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String range = range(hour0, rangeEnd);
          for (Granularity granularity : Granularity.values()) {
            for (SeriesGroupBy groupBy : SeriesGroupBy.values()) {
              JsonNode body =
                  get(
                      client,
                      "/v1/metrics/series?"
                          + range
                          + "&granularity="
                          + granularity.label()
                          + "&groupBy="
                          + groupBy.label(),
                      keyA);
              assertThat(body.path("granularity").asText()).isEqualTo(granularity.label());
              assertSeriesEqual(
                  body.path("series"),
                  expected(windowsWithVersioned(), granularity, groupBy, hour0, rangeEnd));
            }
          }
        });
  }

  @Test
  void serviceAndLevelFiltersNarrowTheSeries() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String range = range(hour0, rangeEnd);
          JsonNode series =
              get(
                      client,
                      "/v1/metrics/series?"
                          + range
                          + "&granularity=hour&groupBy=level&service=api&level=error",
                      keyA)
                  .path("series");
          List<MinuteWindow> apiErrors =
              windowsA.stream()
                  .filter(w -> w.service().equals("api") && w.level().equals("ERROR"))
                  .toList();
          assertSeriesEqual(
              series, expected(apiErrors, Granularity.HOUR, SeriesGroupBy.LEVEL, hour0, rangeEnd));
        });
  }

  @Test
  void topRanksServicesByErrorsEventsAndErrorRate() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String range = range(hour0, rangeEnd);
          Map<String, Totals> totals = new TreeMap<>();
          for (MinuteWindow w : windowsWithVersioned()) {
            totals.computeIfAbsent(w.service(), k -> new Totals()).add(w);
          }
          for (TopOrder order : TopOrder.values()) {
            Comparator<Map.Entry<String, Totals>> ranking =
                switch (order) {
                  case ERRORS ->
                      Comparator.comparingLong(
                              (Map.Entry<String, Totals> e) -> -e.getValue().errors)
                          .thenComparingLong(e -> -e.getValue().events);
                  case EVENTS ->
                      Comparator.comparingLong(
                              (Map.Entry<String, Totals> e) -> -e.getValue().events)
                          .thenComparingLong(e -> -e.getValue().errors);
                  case ERROR_RATE ->
                      Comparator.comparingDouble(
                              (Map.Entry<String, Totals> e) -> -e.getValue().errorRate())
                          .thenComparingLong(e -> -e.getValue().errors)
                          .thenComparingLong(e -> -e.getValue().events);
                };
            List<String> want =
                totals.entrySet().stream()
                    .sorted(ranking.thenComparing(Map.Entry::getKey))
                    .limit(2)
                    .map(Map.Entry::getKey)
                    .toList();
            JsonNode top =
                get(client, "/v1/metrics/top?" + range + "&limit=2&by=" + order.label(), keyA)
                    .path("services");
            assertThat(top.findValuesAsText("service")).as("by %s", order.label()).isEqualTo(want);
            for (JsonNode service : top) {
              Totals t = totals.get(service.path("service").asText());
              assertThat(service.path("events").asLong()).isEqualTo(t.events);
              assertThat(service.path("errors").asLong()).isEqualTo(t.errors);
              assertThat(service.path("errorRate").asDouble()).isEqualTo(t.errorRate());
              assertPercentile(service.path("p95"), t.percentile(0.95));
            }
          }
        });
  }

  @Test
  void aKeyNeverSeesAnotherProjectsWindows() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String range = range(hour0, rangeEnd);
          for (String query :
              List.of(
                  "/v1/metrics/series?" + range,
                  "/v1/metrics/series?" + range + "&service=api&service=b-only",
                  "/v1/metrics/series?" + range + "&groupBy=level&level=error",
                  "/v1/metrics/series?" + range + "&granularity=minute&service=b-only",
                  "/v1/metrics/top?" + range + "&by=events&limit=100")) {
            assertNoForeignData(get(client, query, keyA));
          }
          JsonNode own =
              get(client, "/v1/metrics/top?" + range + "&by=events", keyB).path("services");
          assertThat(own.findValuesAsText("service")).containsExactly("api", "b-only");
          assertThat(own.get(0).path("events").asLong()).isEqualTo(FOREIGN_EVENTS);

          JsonNode projectParameter =
              new QueryApi(client, keyA)
                  .expect(400, "/v1/metrics/series?" + range + "&project=" + projectB.id());
          assertThat(projectParameter.path("message").asText()).contains("parameter 'project'");
        });
  }

  @Test
  void hostileValuesInEveryParameterAreRefusedOrHarmless() {
    List<String> hostile =
        List.of(
            "' OR 1=1 --",
            "api') OR project != ('",
            "1; DROP TABLE devlogs.event_windows",
            "\\' OR ''='",
            "%27%20OR%201%3D1",
            "b-only' UNION SELECT * FROM devlogs.event_windows --",
            "x".repeat(600));
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (String value : hostile) {
            Map<String, String> requests = new LinkedHashMap<>();
            for (String p : List.of("from", "to", "granularity", "groupBy", "service", "level")) {
              requests.put(p, "/v1/metrics/series?" + rangeWith(p, value));
            }
            for (String p : List.of("from", "to", "by", "limit")) {
              requests.put("top " + p, "/v1/metrics/top?" + rangeWith(p, value));
            }
            requests.put("unknown", "/v1/metrics/series?" + rangeWith(value, "1"));
            for (Map.Entry<String, String> request : requests.entrySet()) {
              QueryApi.Answer answer = new QueryApi(client, keyA).get(request.getValue());
              assertThat(answer.status())
                  .as("%s = %s -> %s", request.getKey(), value, answer.body())
                  .isIn(200, 400);
              JsonNode json = answer.json();
              if (answer.status() == 400) {
                assertThat(json.path("error").asText()).isEqualTo("invalid_parameter");
                String parameter = request.getKey().replace("top ", "");
                if (!parameter.equals("unknown")) {
                  assertThat(json.path("message").asText())
                      .contains("parameter '" + parameter + "'");
                }
              } else {
                assertNoForeignData(json);
              }
            }
          }
        });
  }

  @Test
  void eventsPostedThroughIngestAndTheRunningJobAreCounted() throws Exception {
    TestProject project = projects.create("it-metrics-ingest");
    String ingestKey = project.ingestKey();
    String queryKey = project.queryKey();
    // Two whole minutes a few minutes ago: within the job's allowed lateness, and closed by the
    // later event posted after them.
    Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(3));
    List<MinuteWindow> posted = new ArrayList<>();
    StringBuilder ndjson = new StringBuilder();
    Random random = new Random(run.hashCode() + 1L);
    for (int m = 0; m < 2; m++) {
      Instant minute = first.plus(Duration.ofMinutes(m));
      for (String service : new String[] {"checkout", "payments"}) {
        for (String level : LEVELS) {
          int events = 1 + random.nextInt(12);
          List<Integer> durations = new ArrayList<>();
          for (int i = 0; i < events; i++) {
            int duration = 1 + random.nextInt(2_000);
            durations.add(duration);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("ts", minute.plusMillis(1_000L + 997L * i).toString());
            event.put("level", level.toLowerCase());
            event.put("service", service);
            event.put("msg", "metrics it " + run + " " + i);
            event.put("duration_ms", duration);
            ndjson.append(JSON.writeValueAsString(event)).append('\n');
          }
          posted.add(new MinuteWindow(minute, service, level, events, durations));
        }
      }
    }
    IngestApi.post(stack, ingestKey, ndjson.toString());
    IngestApi.post(
        stack,
        ingestKey,
        JSON.writeValueAsString(
                Map.of(
                    "ts",
                    Instant.now().toString(),
                    "level",
                    "info",
                    "service",
                    "clock",
                    "msg",
                    "later"))
            + "\n");

    Instant end = first.plus(Duration.ofMinutes(2));
    String range = range(first, end) + "&granularity=minute";
    Map<String, Map<Instant, Totals>> want =
        expected(posted, Granularity.MINUTE, SeriesGroupBy.SERVICE, first, end);
    long wantEvents = posted.stream().mapToLong(MinuteWindow::events).sum();
    JavalinTest.test(
        app(),
        (server, client) -> {
          JsonNode body =
              Poll.latest(
                  Duration.ofMinutes(3),
                  () -> get(client, "/v1/metrics/series?" + range, queryKey),
                  json -> totalEvents(json.path("series")) == wantEvents);
          assertSeriesEqual(body.path("series"), want);

          JsonNode top =
              get(client, "/v1/metrics/top?" + range(first, end) + "&by=errors", queryKey)
                  .path("services");
          assertThat(top.findValuesAsText("service"))
              .containsExactlyInAnyOrder("checkout", "payments");
          for (JsonNode service : top) {
            Totals t = new Totals();
            posted.stream()
                .filter(w -> w.service().equals(service.path("service").asText()))
                .forEach(t::add);
            assertThat(service.path("events").asLong()).isEqualTo(t.events);
            assertThat(service.path("errors").asLong()).isEqualTo(t.errors);
            assertPercentile(service.path("p95"), t.percentile(0.95));
          }
        });
  }

  /** The three seeded hours as from/to, with {@code name=value} replacing or added to them. */
  private String rangeWith(String name, String value) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("from", hour0.toString());
    params.put("to", rangeEnd.toString());
    params.put(name, value);
    List<String> pairs = new ArrayList<>();
    params.forEach((k, v) -> pairs.add(enc(k) + "=" + enc(v)));
    return String.join("&", pairs);
  }

  // --- expectations ------------------------------------------------------------------------------

  /** Counts and durations summed like the service sums windows: the brute-force expectation. */
  static final class Totals {
    long events;
    long errors;
    final List<Integer> durations = new ArrayList<>();

    void add(MinuteWindow w) {
      events += w.events();
      errors += w.errors();
      durations.addAll(w.durations());
    }

    double errorRate() {
      return events == 0 ? 0 : (double) errors / events;
    }

    /** The percentile of one histogram over all durations (null without any). */
    Double percentile(double q) {
      if (durations.isEmpty()) {
        return null;
      }
      TreeMap<Integer, Long> buckets = new TreeMap<>();
      durations.forEach(d -> buckets.merge(LatencyBuckets.bucketOf(d), 1L, Long::sum));
      return LatencyBuckets.percentile(
          buckets.keySet().stream().mapToInt(Integer::intValue).toArray(),
          buckets.values().stream().mapToLong(Long::longValue).toArray(),
          durations.size(),
          durations.stream().mapToInt(Integer::intValue).min().orElseThrow(),
          durations.stream().mapToInt(Integer::intValue).max().orElseThrow(),
          q);
    }
  }

  private List<MinuteWindow> windowsWithVersioned() {
    List<MinuteWindow> all = new ArrayList<>(windowsA);
    all.add(new MinuteWindow(versioned, "versioned", "ERROR", 7, List.of(3, 3, 4)));
    return all;
  }

  /** Key to period start to totals, every period of [from, to) present for every key. */
  private static Map<String, Map<Instant, Totals>> expected(
      List<MinuteWindow> windows,
      Granularity granularity,
      SeriesGroupBy groupBy,
      Instant from,
      Instant to) {
    Map<String, Map<Instant, Totals>> out = new TreeMap<>();
    for (MinuteWindow w : windows) {
      String key = groupBy == SeriesGroupBy.SERVICE ? w.service() : w.level();
      out.computeIfAbsent(key, k -> new TreeMap<>());
    }
    for (Map<Instant, Totals> periods : out.values()) {
      for (Instant p = granularity.floor(from);
          p.isBefore(to);
          p = p.plusSeconds(granularity.seconds())) {
        periods.put(p, new Totals());
      }
    }
    for (MinuteWindow w : windows) {
      String key = groupBy == SeriesGroupBy.SERVICE ? w.service() : w.level();
      out.get(key).get(granularity.floor(w.minute())).add(w);
    }
    return out;
  }

  private static void assertSeriesEqual(JsonNode series, Map<String, Map<Instant, Totals>> want) {
    Map<String, JsonNode> got = new TreeMap<>();
    series.forEach(s -> got.put(s.path("key").asText(), s.path("points")));
    assertThat(got.keySet()).isEqualTo(want.keySet());
    for (Map.Entry<String, Map<Instant, Totals>> key : want.entrySet()) {
      JsonNode points = got.get(key.getKey());
      assertThat(points).as("points of %s", key.getKey()).hasSize(key.getValue().size());
      int i = 0;
      for (Map.Entry<Instant, Totals> period : key.getValue().entrySet()) {
        JsonNode point = points.get(i++);
        Totals t = period.getValue();
        String what = key.getKey() + " @ " + period.getKey();
        assertThat(point.path("start").asText())
            .as(what)
            .isEqualTo(JsonMapping.timestamp(period.getKey()));
        assertThat(point.path("events").asLong()).as(what).isEqualTo(t.events);
        assertThat(point.path("errors").asLong()).as(what).isEqualTo(t.errors);
        assertThat(point.path("errorRate").asDouble()).as(what).isEqualTo(t.errorRate());
        assertPercentile(point.path("p50"), t.percentile(0.50));
        assertPercentile(point.path("p95"), t.percentile(0.95));
        assertPercentile(point.path("p99"), t.percentile(0.99));
      }
    }
  }

  private static void assertPercentile(JsonNode got, Double want) {
    if (want == null) {
      assertThat(got.isNull()).as("null percentile, got %s", got).isTrue();
    } else {
      assertThat(got.asDouble()).isEqualTo(want);
    }
  }

  private static long totalEvents(JsonNode series) {
    long total = 0;
    for (JsonNode s : series) {
      for (JsonNode p : s.path("points")) {
        total += p.path("events").asLong();
      }
    }
    return total;
  }

  /** No series, point or rank of project B: its service name or its counts. */
  private static void assertNoForeignData(JsonNode body) {
    for (JsonNode number : body.findValues("events")) {
      assertThat(number.asLong()).isLessThan(FOREIGN_EVENTS);
    }
    for (JsonNode s : body.path("series")) {
      if (s.path("key").asText().equals("b-only")) {
        assertThat(totalEvents(JSON.createArrayNode().add(s))).isZero();
      }
    }
    assertThat(body.path("services").findValuesAsText("service")).doesNotContain("b-only");
  }

  // --- plumbing ----------------------------------------------------------------------------------

  private static Map<String, Object> row(TestProject project, MinuteWindow w, long version) {
    TreeMap<Integer, Long> buckets = new TreeMap<>();
    w.durations().forEach(d -> buckets.merge(LatencyBuckets.bucketOf(d), 1L, Long::sum));
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("project", project.id());
    row.put("service", w.service());
    row.put("level", w.level());
    row.put("minute", CLICKHOUSE_TIME.format(w.minute()));
    row.put("events", w.events());
    row.put("bytes", w.events() * 100);
    row.put("errors", w.errors());
    row.put("latency_count", w.durations().size());
    row.put("latency_sum", w.durations().stream().mapToLong(Integer::longValue).sum());
    row.put("latency_min", w.durations().stream().mapToInt(Integer::intValue).min().orElse(0));
    row.put("latency_max", w.durations().stream().mapToInt(Integer::intValue).max().orElse(0));
    // Per-minute percentiles are not what hours are built from; a value that would show if they
    // were.
    row.put("latency_p50", -1);
    row.put("latency_p95", -1);
    row.put("latency_p99", -1);
    row.put("latency_bucket_ids", List.copyOf(buckets.keySet()));
    row.put("latency_bucket_counts", List.copyOf(buckets.values()));
    row.put("version", version);
    row.put("sink_batch", "it-metrics-" + UUID.randomUUID());
    return row;
  }

  private static JsonNode get(HttpClient client, String path, String key) {
    return new QueryApi(client, key).ok(path);
  }
}
