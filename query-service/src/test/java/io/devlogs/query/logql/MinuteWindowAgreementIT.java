package io.devlogs.query.logql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.logql.LogqlAst.MetricExpr;
import io.devlogs.query.support.ClickHouseRows;
import io.devlogs.query.support.EventRow;
import io.devlogs.query.support.IngestApi;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.query.support.QueryApi;
import io.devlogs.query.support.TestProject;
import io.devlogs.query.support.TestProjects;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.devlogs.testing.Poll;
import io.javalin.testtools.JavalinTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The minute-window plan ({@link MinuteWindowSql}) and the raw-event plan ({@link LogqlSql#metric})
 * give the same series on the stack's ClickHouse 18.16, over ranges ending now: with windows that
 * stop two minutes before now (the open tail read raw) and a window rewritten with a higher
 * version; and with events posted through ingest and the running job, which writes the windows
 * itself. No event lies exactly on a whole minute (there the plans differ by design).
 */
@ExtendWith(LocalStackExtension.class)
class MinuteWindowAgreementIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CLICKHOUSE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final long MINUTE_NANOS = 60_000_000_000L;
  private static final List<String> SERVICES = List.of("api", "web", "worker");
  private static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");
  private static final List<String> QUERIES =
      List.of(
          "sum by (service) (rate({service=~\".+\"}[1m]))",
          "sum by (level) (count_over_time({service=\"api\"}[5m]))",
          "sum(count_over_time({level=~\"error|warn\"}[10m]))",
          "sum without (stream) (rate({service!=\"web\", level=~\".+\"}[1m]))");

  private final LocalStack stack;
  private final ClickHouseReader reader;

  MinuteWindowAgreementIT(LocalStack stack) {
    this.stack = stack;
    this.reader = LogqlEvents.reader(stack.settings());
  }

  @Test
  void storedWindowsAndTheRawTailGiveTheRawPlansSeries() {
    TestProjects projects = new TestProjects(stack);
    TestProject owner = projects.create("lqs-windows");
    String project = owner.id();
    Instant now = Instant.now();
    Random random = new Random(17);
    List<EventRow> events = new ArrayList<>();
    for (int i = 0; i < 900; i++) {
      long nanos =
          LogqlSql.epochNanos(now) - (long) (random.nextDouble() * Duration.ofHours(3).toNanos());
      if (nanos % MINUTE_NANOS == 0) {
        nanos += 1_000_000;
      }
      events.add(
          new EventRow(
              project,
              "e" + i,
              Instant.ofEpochSecond(0, nanos),
              LEVELS.get(random.nextInt(LEVELS.size())),
              SERVICES.get(random.nextInt(SERVICES.size())),
              "run-" + random.nextInt(3),
              "request " + i,
              Map.of()));
    }
    ClickHouseRows rows = new ClickHouseRows(stack.settings());
    rows.insert(events);
    // The job has closed the minutes up to two minutes ago; one window holds a stale version 1
    // (a count the job later corrected) below its version 2.
    Instant open = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(2));
    Map<List<String>, Long> windows = new TreeMap<>(java.util.Comparator.comparing(List::toString));
    for (EventRow event : events) {
      Instant minute = event.timestamp().truncatedTo(ChronoUnit.MINUTES);
      if (minute.isBefore(open)) {
        windows.merge(
            List.of(CLICKHOUSE_TIME.format(minute), event.service(), event.level()), 1L, Long::sum);
      }
    }
    List<Map<String, Object>> windowRows = new ArrayList<>();
    windows.forEach((key, count) -> windowRows.add(window(project, key, count, 2)));
    List<String> corrected = windows.keySet().iterator().next();
    windowRows.add(window(project, corrected, 1_000, 1));
    rows.insert("devlogs.event_windows", windowRows);

    Instant start = now.minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
    for (String query : QUERIES) {
      assertPlansAgree(project, query, start, now, MINUTE_NANOS);
    }
    assertPlansAgree(project, QUERIES.get(1), start, now, 5 * MINUTE_NANOS);

    JavalinTest.test(
        LocalQueryApp.create(stack.settings(), projects.keyStore()),
        (server, client) -> {
          String range = "&from=" + QueryApi.enc(start) + "&to=" + QueryApi.enc(now) + "&step=60";
          assertThat(
                  planOf(
                      client,
                      owner,
                      "/v1/logql/series?query=" + QueryApi.enc(QUERIES.get(0)) + range))
              .isEqualTo(MinuteWindowSql.MINUTE_WINDOWS);
          assertThat(
                  planOf(
                      client,
                      owner,
                      "/v1/logql/series?query="
                          + QueryApi.enc(
                              "sum by (service) (rate({service=~\".+\"} |= \"request\" [1m]))")
                          + range))
              .isEqualTo(MinuteWindowSql.RAW_EVENTS);
          assertThat(
                  planOf(
                      client,
                      owner,
                      "/loki/api/v1/query_range?query="
                          + QueryApi.enc(QUERIES.get(0))
                          + "&start="
                          + LogqlSql.epochNanos(start)
                          + "&end="
                          + LogqlSql.epochNanos(now)
                          + "&step=60"))
              .isEqualTo(MinuteWindowSql.MINUTE_WINDOWS);
        });
  }

  private static String planOf(
      io.javalin.testtools.HttpClient client, TestProject project, String path) {
    try (okhttp3.Response response =
        client.get(
            path,
            request ->
                request
                    .header("Authorization", "Bearer " + project.queryKey())
                    .header("Cache-Control", "no-cache"))) {
      assertThat(response.code()).as(path).isEqualTo(200);
      return response.header(MinuteWindowSql.PLAN_HEADER);
    }
  }

  @Test
  void windowsTheJobWroteAndTheOpenTailGiveTheRawPlansSeries() throws Exception {
    TestProject project = new TestProjects(stack).create("lqs-job");
    Instant now = Instant.now();
    Random random = new Random(23);
    StringBuilder ndjson = new StringBuilder();
    int posted = 300;
    for (int i = 0; i < posted; i++) {
      // Within the last six minutes: inside the job's allowed lateness, never on a whole minute.
      Instant ts = now.minusMillis(1 + random.nextInt(360_000));
      if (ts.getEpochSecond() % 60 == 0 && ts.getNano() == 0) {
        ts = ts.plusMillis(1);
      }
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("ts", ts.toString());
      event.put("level", LEVELS.get(random.nextInt(LEVELS.size())).toLowerCase());
      event.put("service", SERVICES.get(random.nextInt(SERVICES.size())));
      event.put("stream", "run-" + random.nextInt(3));
      event.put("msg", "through the job " + i);
      ndjson.append(JSON.writeValueAsString(event)).append('\n');
    }
    IngestApi.post(stack, project.ingestKey(), ndjson.toString());
    ClickHouseRows rows = new ClickHouseRows(stack.settings());
    Poll.until(
        Duration.ofMinutes(3),
        () ->
            rows.query("SELECT count() FROM devlogs.events WHERE project = '" + project.id() + "'")
                .trim(),
        count -> count.equals(Integer.toString(posted)),
        "the posted events in ClickHouse");
    Poll.until(
        Duration.ofMinutes(3),
        () ->
            rows.query(
                    "SELECT count() FROM devlogs.event_windows WHERE project = '"
                        + project.id()
                        + "'")
                .trim(),
        count -> !count.equals("0"),
        "the job's first windows of the project");

    Instant end = Instant.now();
    Instant start = end.minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
    for (String query : QUERIES) {
      assertPlansAgree(project.id(), query, start, end, MINUTE_NANOS);
    }
  }

  private void assertPlansAgree(
      String project, String query, Instant start, Instant end, long step) {
    MetricExpr expr = (MetricExpr) LogqlParser.parse(query);
    MetricSql windowed = MinuteWindowSql.metric(project, expr, start, end, step).orElseThrow();
    List<MetricSeries> fromWindows = series(windowed);
    List<MetricSeries> fromEvents = series(LogqlSql.metric(project, expr, start, end, step));
    assertThat(fromEvents).as(query).isNotEmpty();
    // The same series and instants; values equal but for the last bits of a sum of rates: the raw
    // plan adds per stream (a / 60 + b / 60), the windows per minute ((a + b) / 60).
    assertThat(fromWindows)
        .as(query)
        .usingRecursiveFieldByFieldElementComparator(
            org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration.builder()
                .withComparatorForType(
                    (a, b) ->
                        Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b))
                            ? 0
                            : Double.compare(a, b),
                    Double.class)
                .build())
        .isEqualTo(fromEvents);
  }

  private List<MetricSeries> series(MetricSql sql) {
    return reader.query(
        sql.query(),
        sql.maxRows(MetricSeries.MAX_SERIES),
        rows -> {
          MetricSeries.Collector series = new MetricSeries.Collector(sql, MetricSeries.MAX_SERIES);
          List<String> labels = new ArrayList<>();
          while (rows.next()) {
            labels.clear();
            for (int i = 0; i < sql.labels().size(); i++) {
              labels.add(rows.getString(sql.labelColumn(i)));
            }
            series.add(labels, rows.getLong("k"), rows.getDouble("value"));
          }
          return series.series();
        });
  }

  private static Map<String, Object> window(
      String project, List<String> key, long events, long version) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("project", project);
    row.put("minute", key.get(0));
    row.put("service", key.get(1));
    row.put("level", key.get(2));
    row.put("events", events);
    row.put("version", version);
    row.put("sink_batch", "lqs-it");
    return row;
  }
}
