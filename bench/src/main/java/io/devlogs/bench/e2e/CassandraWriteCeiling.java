package io.devlogs.bench.e2e;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.bench.StreamRows;
import io.devlogs.generator.SyntheticLogs;
import io.devlogs.settings.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The Cassandra ceiling of {@code bench e2e}: how many {@code stream_events} rows/s one client
 * writes with the job's upsert shape (the same twelve columns and a TTL) and the same bound on
 * concurrent requests as the job's Cassandra sink, for a scratch project on {@value #STREAMS}
 * streams; the rows are deleted afterwards. Rows are built before the clock runs. Options: {@code
 * project}, {@code events} (default 100,000), {@code concurrency} (default 500, the sink's {@code
 * MAX_CONCURRENT_REQUESTS}) and the {@code cassandra.*} settings. Prints {@code RESULT rows seconds
 * rows_per_s}.
 */
public final class CassandraWriteCeiling {

  static final int STREAMS = 8;
  private static final int TTL_SECONDS = 7 * 24 * 3600;

  private CassandraWriteCeiling() {}

  /** One row's bind values, in the column order of the insert. */
  private record Row(Object[] values) {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromEnvironment(args);
    String project = settings.get("project", null);
    if (project == null || project.isBlank()) {
      throw new IllegalArgumentException("--project is required");
    }
    int events = settings.getInt("events", 100_000);
    int concurrency = settings.getInt("concurrency", 500);
    if (events < 1 || concurrency < 1) {
      throw new IllegalArgumentException("--events and --concurrency must be positive");
    }
    List<Row> rows = rows(project, events);
    Set<StreamRows.Partition> partitions = new LinkedHashSet<>();
    rows.forEach(
        r ->
            partitions.add(
                new StreamRows.Partition((String) r.values()[1], (LocalDate) r.values()[2])));
    double seconds;
    try (CqlSession session = StreamRows.session(settings)) {
      PreparedStatement insert =
          session.prepare(
              "INSERT INTO "
                  + StreamRows.table(StreamRows.keyspace(settings))
                  + " (project, stream, day, ts, event_id, level, service, message, attributes,"
                  + " received_at, ingest_lag_ms, size_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                  + " ?, ?) USING TTL ?");
      Semaphore permits = new Semaphore(concurrency);
      List<CompletableFuture<?>> writes = new ArrayList<>(events);
      long start = System.nanoTime();
      for (Row row : rows) {
        permits.acquire();
        writes.add(
            session
                .executeAsync(insert.bind(row.values()))
                .whenComplete((ok, error) -> permits.release())
                .toCompletableFuture());
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
      seconds = (System.nanoTime() - start) / 1e9;
    }
    try (StreamRows stored = StreamRows.connect(settings)) {
      long count = stored.count(project, partitions);
      stored.delete(project, partitions);
      if (count != events) {
        throw new IllegalStateException("Cassandra holds " + count + " of " + events + " rows");
      }
    }
    System.out.printf("RESULT\t%d\t%.2f\t%.0f%n", events, seconds, events / seconds);
  }

  private static List<Row> rows(String project, int events) {
    SyntheticLogs logs = new SyntheticLogs(7, Clock.systemUTC());
    List<Row> rows = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      ObjectNode event = logs.next();
      Instant ts = Instant.parse(event.get("ts").asText());
      String message = event.get("msg").asText();
      rows.add(
          new Row(
              new Object[] {
                project,
                "ceiling-" + i % STREAMS,
                LocalDate.ofInstant(ts, ZoneOffset.UTC),
                ts,
                event.get("id").asText(),
                event.get("level").asText(),
                event.get("service").asText(),
                message,
                Map.of("bench", "ceiling"),
                ts,
                0L,
                message.getBytes(StandardCharsets.UTF_8).length,
                TTL_SECONDS
              }));
    }
    return rows;
  }
}
