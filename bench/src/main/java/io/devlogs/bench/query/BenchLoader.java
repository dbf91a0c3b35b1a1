package io.devlogs.bench.query;

import io.devlogs.bench.StreamRows;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogWindow;
import io.devlogs.flink.sinks.CassandraStreamRow;
import io.devlogs.flink.sinks.CassandraStreamSink;
import io.devlogs.flink.sinks.ClickHouseEventFormat;
import io.devlogs.flink.sinks.ClickHouseWindowFormat;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Loads a generated data set straight into the stores, in the shapes the Flink job writes: every
 * event into ClickHouse {@code devlogs.events}; one {@code devlogs.event_windows} row (version 1)
 * per service, level and minute, from the same events; and into Cassandra {@code stream_chunks}
 * every event of the first {@code streams} distinct streams. Window rows go last, so a load that
 * stops half-way is recognisable ({@link BenchStores#complete}). Prints progress.
 */
final class BenchLoader {

  /** Written into {@code sink_batch}: these rows came from the benchmark, not from the job. */
  static final String SINK_BATCH = "bench-query-load";

  private static final int EVENTS_PER_INSERT = 100_000;
  private static final int WINDOWS_PER_INSERT = 50_000;
  private static final int CASSANDRA_CHUNK = 2_000;
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final ClickHouseHttp clickHouse;
  private final StreamRows cassandra;
  private final PrintStream progress;

  BenchLoader(ClickHouseHttp clickHouse, StreamRows cassandra, PrintStream progress) {
    this.clickHouse = clickHouse;
    this.cassandra = cassandra;
    this.progress = progress;
  }

  /**
   * Loads {@code events} events spread over the {@code span} before {@code until} into {@code
   * projectId}; returns the figures of the load.
   */
  LoadFigures load(
      String projectId, long events, Instant until, Duration span, long seed, int streams)
      throws IOException, InterruptedException {
    BenchStores.checkedProjectId(projectId);
    GeneratedEvents generated =
        new GeneratedEvents(projectId, seed, until.minus(span), span, events);
    MinuteWindows windows = new MinuteWindows(projectId);
    Set<String> cassandraStreams = new LinkedHashSet<>();
    List<CassandraStreamRow> streamRows = new ArrayList<>(CASSANDRA_CHUNK);
    long cassandraRows = 0;
    long cassandraNanos = 0;
    long start = System.nanoTime();
    long lastProgress = start;
    try (DirectInserter<LogEvent> eventRows =
        new DirectInserter<>(
            clickHouse,
            "devlogs.events",
            new ClickHouseEventFormat(),
            SINK_BATCH,
            EVENTS_PER_INSERT)) {
      for (long i = 1; i <= events; i++) {
        LogEvent event = generated.next();
        eventRows.add(event);
        windows.add(event);
        if (cassandraStreams.size() < streams) {
          cassandraStreams.add(event.stream());
        }
        if (cassandraStreams.contains(event.stream())) {
          streamRows.add(CassandraStreamRow.of(event));
          if (streamRows.size() == CASSANDRA_CHUNK) {
            cassandraNanos += writeToCassandra(streamRows);
            cassandraRows += CASSANDRA_CHUNK;
          }
        }
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
          progress.printf(
              "generated %,d/%,d events (%,.0f/s); ClickHouse acknowledged %,d; Cassandra %,d rows%n",
              i, events, i / seconds(now - start), eventRows.inserted(), cassandraRows);
          lastProgress = now;
        }
      }
      eventRows.flush();
      cassandraRows += streamRows.size();
      cassandraNanos += writeToCassandra(streamRows);
      double totalSeconds = seconds(System.nanoTime() - start);
      progress.printf(
          "events: %,d rows in ClickHouse devlogs.events (%.0f MB JSONEachRow) in %.1f s:"
              + " %,.0f events/s end to end, ClickHouse inserts alone %,.0f rows/s%n",
          eventRows.inserted(),
          eventRows.bytes() / 1e6,
          totalSeconds,
          events / totalSeconds,
          eventRows.inserted() / eventRows.insertSeconds());
      progress.printf(
          "streams: %,d rows of %d streams in Cassandra stream_chunks (%,.0f rows/s while"
              + " writing)%n",
          cassandraRows,
          cassandraStreams.size(),
          cassandraRows / Math.max(1e-9, seconds(cassandraNanos)));
      List<LogWindow> rows = insertWindows(windows.rows(1), until);
      return new LoadFigures(
          events,
          totalSeconds,
          eventRows.inserted() / eventRows.insertSeconds(),
          eventRows.bytes(),
          rows.size(),
          cassandraRows,
          List.copyOf(cassandraStreams));
    }
  }

  /**
   * Writes the {@code event_windows} rows of the first {@code present} events of a load of {@code
   * events} (generated again with the same seed, range and spacing) when that load stopped before
   * its windows: the events already in ClickHouse are left as they are. Returns the window rows.
   */
  long loadWindows(
      String projectId, long events, long present, Instant until, Duration span, long seed)
      throws IOException, InterruptedException {
    BenchStores.checkedProjectId(projectId);
    GeneratedEvents generated =
        new GeneratedEvents(projectId, seed, until.minus(span), span, events);
    MinuteWindows windows = new MinuteWindows(projectId);
    long start = System.nanoTime();
    long lastProgress = start;
    for (long i = 1; i <= present; i++) {
      windows.add(generated.next());
      long now = System.nanoTime();
      if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
        progress.printf(
            "windows: generated %,d/%,d events again (%,.0f/s)%n",
            i, present, i / seconds(now - start));
        lastProgress = now;
      }
    }
    return insertWindows(windows.rows(1), until).size();
  }

  /**
   * Writes minute rows to {@code event_windows} and, as the job's hour rollup would have by {@code
   * until}, the rows of their hours that ended by then to {@code event_hours}; returns the minute
   * rows.
   */
  private List<LogWindow> insertWindows(List<LogWindow> minuteRows, Instant until)
      throws IOException, InterruptedException {
    List<LogWindow> hourRows = MinuteWindows.closedHours(minuteRows, until, 1);
    insert("devlogs.event_windows", new ClickHouseWindowFormat(), minuteRows);
    insert("devlogs.event_hours", ClickHouseWindowFormat.hours(), hourRows);
    progress.printf(
        "windows: %,d rows in ClickHouse devlogs.event_windows, %,d in devlogs.event_hours%n",
        minuteRows.size(), hourRows.size());
    return minuteRows;
  }

  private void insert(String table, ClickHouseWindowFormat format, List<LogWindow> rows)
      throws IOException, InterruptedException {
    try (DirectInserter<LogWindow> inserter =
        new DirectInserter<>(clickHouse, table, format, SINK_BATCH, WINDOWS_PER_INSERT)) {
      rows.forEach(inserter::add);
      inserter.flush();
    }
  }

  /** What a load wrote and how fast. */
  record LoadFigures(
      long events,
      double seconds,
      double clickHouseRowsPerSecond,
      long clickHouseBytes,
      long windowRows,
      long cassandraRows,
      List<String> cassandraStreams) {}

  private long writeToCassandra(List<CassandraStreamRow> rows) {
    long start = System.nanoTime();
    cassandra.insert(rows, CassandraStreamSink.MAX_ROWS_PER_CHUNK);
    rows.clear();
    return System.nanoTime() - start;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
