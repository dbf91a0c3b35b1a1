package io.devlogs.query.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.clickhouse.SqlQuery;
import io.devlogs.schema.ClickHouseDdl;
import io.devlogs.testing.CurrentClickHouse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small set of rows in {@code events}, {@code event_windows} and {@code dead_letters} on which
 * every query route's statements select something: levels, services, streams, mixed-case and
 * non-ASCII text, attributes, two events at the same nanosecond (cursor ties), two versions of one
 * window, dead letters of two causes, and another project's rows that must never show. The {@code
 * *CurrentClickHouseTest} load them into a current ClickHouse, the agreement IT into both that and
 * the stack's 18.16.
 */
public final class ShapeRows {

  /** Where the rows lie: [10:00, 12:00) on 2024-05-01 UTC. */
  public static final Instant FROM = Instant.parse("2024-05-01T10:00:00Z");

  public static final Instant TO = Instant.parse("2024-05-01T12:00:00Z");

  /**
   * Rows are kept ten years: the stack's retention sweeper never drops their partitions while the
   * agreement IT reads them.
   */
  private static final int RETENTION_DAYS = 3650;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CLICKHOUSE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private ShapeRows() {}

  /** Table to rows (column to value, as JSONEachRow fields) for {@code project}. */
  public static Map<String, List<Map<String, Object>>> of(String project) {
    String other = otherProject(project);
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    tables.put(
        "devlogs.events",
        List.of(
            event(
                project,
                "e01",
                "10:00:05.1",
                "INFO",
                "api",
                "run-1",
                "GET /users took 12 ms",
                Map.of("http.status", "200", "region", "eu")),
            event(
                project,
                "e02",
                "10:01:10.2",
                "ERROR",
                "api",
                "run-1",
                "Timeout calling db",
                Map.of("http.status", "503", "region", "eu")),
            event(
                project,
                "e03",
                "10:01:10.2",
                "WARN",
                "api",
                "run-1",
                "retrying after TIMEOUT",
                Map.of("http.status", "503", "region", "eu")),
            event(
                project,
                "e04",
                "10:02:00",
                "ERROR",
                "web",
                "run-2",
                "Über timeout ünï",
                Map.of("http.status", "503", "region", "us")),
            event(
                project,
                "e05",
                "10:30:00.999999999",
                "DEBUG",
                "worker",
                "run-3",
                "job done",
                Map.of()),
            event(
                project,
                "e06",
                "11:15:00.5",
                "FATAL",
                "api",
                "run-1",
                "timeout: giving up ünï",
                Map.of("http.status", "503", "region", "eu")),
            event(
                project,
                "e07",
                "11:59:59.999",
                "INFO",
                "web",
                "run-2",
                "quote ' backslash \\ tab \t end",
                Map.of("user", "o'brien")),
            event(
                other,
                "x01",
                "10:01:10.2",
                "ERROR",
                "api",
                "run-1",
                "Timeout calling db",
                Map.of("http.status", "503", "region", "eu"))));
    tables.put(
        "devlogs.event_windows",
        List.of(
            window(
                project, "10:00", "api", "INFO", 10, 0, 1, new int[] {0, 530}, new long[] {4, 6}),
            window(project, "10:01", "api", "ERROR", 3, 3, 1, new int[] {530}, new long[] {3}),
            window(
                project, "10:01", "api", "ERROR", 5, 5, 2, new int[] {530, 600}, new long[] {3, 2}),
            window(project, "10:02", "web", "ERROR", 1, 1, 1, new int[] {}, new long[] {}),
            window(project, "11:15", "api", "FATAL", 1, 1, 1, new int[] {700}, new long[] {1}),
            window(other, "10:01", "api", "ERROR", 9, 9, 1, new int[] {1}, new long[] {9})));
    tables.put(
        "devlogs.dead_letters",
        List.of(
            deadLetter(project, "10:05:00.250", "d1", "unparseable", "{not json", "json", null),
            deadLetter(
                project, "10:05:00.250", "d2", "unparseable", "also ' not \\ json", null, "7"),
            deadLetter(
                project, "11:00:00.001", "d3", "too_late", "{\"ts\":\"2001-01-01\"}", "json", "0"),
            deadLetter(other, "10:05:00.250", "o1", "unparseable", "x", null, null)));
    return tables;
  }

  /** The project whose rows lie beside {@code project}'s and must never show in its answers. */
  public static String otherProject(String project) {
    return project + "_other";
  }

  /** Creates the tables with the committed DDL and loads {@link #of} rows for {@code project}. */
  public static void load(CurrentClickHouse clickhouse, String project) throws Exception {
    ClickHouseDdl.apply(Path.of("..", "schema", "ddl", "clickhouse"), clickhouse::execute);
    of(project)
        .forEach(
            (table, rows) ->
                clickhouse.execute(
                    "INSERT INTO " + table + " FORMAT JSONEachRow\n" + jsonEachRow(rows)));
  }

  /** Runs a route's statement, its parameters bound as the query service binds them. */
  public static String answer(CurrentClickHouse clickhouse, SqlQuery query) {
    return clickhouse.execute(ClickHouseReader.boundSql(query));
  }

  /** The first field of each line of a TabSeparated answer. */
  public static List<String> firstColumn(String tsv) {
    return tsv.lines().map(line -> line.split("\t", -1)[0]).toList();
  }

  /** The rows as a JSONEachRow body. */
  public static String jsonEachRow(List<Map<String, Object>> rows) {
    StringBuilder body = new StringBuilder();
    for (Map<String, Object> row : rows) {
      try {
        body.append(JSON.writeValueAsString(row)).append('\n');
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return body.toString();
  }

  /** An instant on the rows' day, {@code HH:mm[:ss[.fraction]]}. */
  public static Instant at(String time) {
    String full = time.length() == 5 ? time + ":00" : time;
    return Instant.parse("2024-05-01T" + full + "Z");
  }

  private static Map<String, Object> event(
      String project,
      String id,
      String time,
      String level,
      String service,
      String stream,
      String message,
      Map<String, String> attributes) {
    Instant ts = at(time);
    List<String> keys = new ArrayList<>(new java.util.TreeMap<>(attributes).keySet());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("project", project);
    row.put("ts", CLICKHOUSE_TIME.format(ts));
    row.put("ts_nanos", ts.getNano());
    row.put("event_id", id);
    row.put("level", level);
    row.put("service", service);
    row.put("stream", stream);
    row.put("message", message);
    row.put("attr_keys", keys);
    row.put("attr_values", keys.stream().map(attributes::get).toList());
    row.put("received_at", CLICKHOUSE_TIME.format(ts.plusSeconds(1)));
    row.put("received_ms", ts.plusSeconds(1).toEpochMilli());
    row.put("ingest_lag_ms", 1000);
    row.put("size_bytes", message.length());
    row.put("retention_days", RETENTION_DAYS);
    row.put("sink_batch", "shapes");
    return row;
  }

  private static Map<String, Object> window(
      String project,
      String minute,
      String service,
      String level,
      long events,
      long errors,
      long version,
      int[] bucketIds,
      long[] bucketCounts) {
    long latencyCount = java.util.Arrays.stream(bucketCounts).sum();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("project", project);
    row.put("service", service);
    row.put("level", level);
    row.put("minute", CLICKHOUSE_TIME.format(at(minute)));
    row.put("events", events);
    row.put("bytes", events * 100);
    row.put("errors", errors);
    row.put("latency_count", latencyCount);
    row.put("latency_sum", latencyCount * 2.5);
    row.put("latency_min", latencyCount == 0 ? 0 : 0.5);
    row.put("latency_max", latencyCount == 0 ? 0 : 40.25);
    row.put("latency_p50", 2.5);
    row.put("latency_p95", 30.0);
    row.put("latency_p99", 40.25);
    row.put("latency_bucket_ids", bucketIds);
    row.put("latency_bucket_counts", bucketCounts);
    row.put("version", version);
    row.put("sink_batch", "shapes");
    return row;
  }

  private static Map<String, Object> deadLetter(
      String project,
      String time,
      String id,
      String cause,
      String value,
      String format,
      String recordIndex) {
    Instant received = at(time);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("project", project);
    row.put("received_at", CLICKHOUSE_TIME.format(received));
    row.put("received_ms", received.toEpochMilli());
    row.put("dead_letter_id", id);
    row.put("cause", cause);
    row.put("reason", "why " + id);
    row.put("value", value);
    row.put("value_bytes", value.length());
    row.put("value_truncated", 0);
    row.put("format", format);
    row.put("stream", null);
    row.put("service", "api");
    row.put("record_index", recordIndex);
    row.put("idempotency_key", null);
    row.put("source_topic", "devlogs-raw");
    row.put("source_partition", 0);
    row.put("source_offset", Long.parseLong(id.substring(1)));
    row.put("retention_days", RETENTION_DAYS);
    row.put("sink_batch", "shapes");
    return row;
  }
}
