package io.devlogs.bench.e2e;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.bench.StreamRows;
import io.devlogs.flink.sinks.CassandraStreamChunk;
import io.devlogs.flink.sinks.CassandraStreamRow;
import io.devlogs.flink.sinks.CassandraStreamSink;
import io.devlogs.generator.SyntheticLogs;
import io.devlogs.settings.Settings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The Cassandra ceiling of {@code bench e2e}: how many events/s one client writes into Cassandra as
 * the job's sink writes them, in the stream model the job uses ({@code stream_chunks}) and, in the
 * same run, in the row-per-event model it used before ({@code stream_events}), with the CPU the
 * Cassandra process spent per 1,000 events in each.
 *
 * <p>The events are the generator's ({@link SyntheticLogs}: its streams, a request's few events, a
 * job's steps), timed as if sent at {@code rate} events/s, for a scratch project; they are built
 * before the clock runs and deleted afterwards. Models, each measured alone:
 *
 * <ul>
 *   <li>{@code chunks}: what the sink does now: flushes of {@code flush} events (the sink's buffer;
 *       else a checkpoint's events) cut into chunks per stream, day, slice and TTL ({@link
 *       CassandraStreamChunk#chunks}), one insert per chunk, at most 64 in flight.
 *   <li>{@code rows-batched}: what the sink did before: one row per event, rows of a partition in
 *       unlogged batches of at most 16 within buffers of 2,000 rows, at most 64 in flight.
 *   <li>{@code rows}: the former ceiling: one insert per event, at most 500 in flight.
 * </ul>
 *
 * <p>Options: {@code project}, {@code events} (default 100,000), {@code rate} (20,000), {@code
 * flush} (20,000), {@code streams} (0: the generator's; n: n streams round-robin, as the former
 * ceiling's 8), {@code cassandra-pid} (default: {@code .devlogs/run/cassandra.pid} if present: for
 * CPU figures) and the {@code cassandra.*} settings. Prints one {@code MODEL name events seconds
 * events_per_s requests cpu_ms_per_1000_events net_cpu_ms_per_1000_events} line per model (cpu
 * {@code -} without a pid; net: less the CPU Cassandra spent without the ceiling's writes in a
 * 10-second interval before, scaled to the model's time) and {@code RESULT events seconds
 * events_per_s} of the chunk model.
 */
public final class CassandraWriteCeiling {

  private static final int TTL_SECONDS = 7 * 24 * 3600;
  private static final int SINK_IN_FLIGHT = 64;
  private static final int ROWS_IN_FLIGHT = 500;
  private static final int OLD_BUFFER_ROWS = 2_000;
  private static final int OLD_ROWS_PER_BATCH = 16;

  private CassandraWriteCeiling() {}

  /**
   * One model's figures.
   *
   * @param cpuMillis the Cassandra process's CPU during the model's writes
   * @param backgroundCpuMillis what it spends in as long without them (other clients of a shared
   *     Cassandra), measured before the models
   */
  record Figures(
      String model,
      int events,
      double seconds,
      long requests,
      OptionalLong cpuMillis,
      double backgroundCpuMillis) {
    String line() {
      return String.format(
          "MODEL\t%s\t%d\t%.2f\t%.0f\t%d\t%s\t%s",
          model,
          events,
          seconds,
          events / seconds,
          requests,
          cpuMillis.isPresent()
              ? String.format("%.1f", cpuMillis.getAsLong() * 1000.0 / events)
              : "-",
          cpuMillis.isPresent()
              ? String.format(
                  "%.1f", (cpuMillis.getAsLong() - backgroundCpuMillis) * 1000.0 / events)
              : "-");
    }
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromEnvironment(args);
    String project = settings.get("project", null);
    if (project == null || project.isBlank()) {
      throw new IllegalArgumentException("--project is required");
    }
    int events = settings.getInt("events", 100_000);
    int rate = settings.getInt("rate", 20_000);
    int flush = settings.getInt("flush", 20_000);
    int streams = settings.getInt("streams", 0);
    if (events < 1 || rate < 1 || flush < 1 || streams < 0) {
      throw new IllegalArgumentException("--events, --rate and --flush must be positive");
    }
    OptionalLong pid = cassandraPid(settings.get("cassandra-pid", null));
    List<CassandraStreamRow> rows = rows(project, events, rate, streams);
    Set<StreamRows.Partition> partitions = new LinkedHashSet<>();
    rows.forEach(r -> partitions.add(new StreamRows.Partition(r.stream(), r.day())));
    String keyspace = CqlIdentifier.fromInternal(StreamRows.keyspace(settings)).asCql(true);

    double backgroundPerSecond = backgroundCpuMillisPerSecond(pid);
    List<Figures> figures = new ArrayList<>();
    try (CqlSession session = StreamRows.session(settings);
        StreamRows stored = StreamRows.connect(settings)) {
      PreparedStatement chunkInsert = session.prepare(CassandraStreamSink.insertCql(keyspace));
      PreparedStatement rowInsert =
          session.prepare(
              "INSERT INTO "
                  + keyspace
                  + ".stream_events (project, stream, day, ts, event_id, level, service, message,"
                  + " attributes, received_at, ingest_lag_ms, size_bytes) VALUES (?, ?, ?, ?, ?, ?,"
                  + " ?, ?, ?, ?, ?, ?) USING TTL ?");
      PreparedStatement rowCount =
          session.prepare(
              "SELECT count(*) FROM "
                  + keyspace
                  + ".stream_events WHERE project = ? AND stream = ? AND day = ?");

      List<Statement<?>> chunks = new ArrayList<>();
      for (int i = 0; i < rows.size(); i += flush) {
        for (CassandraStreamChunk c :
            CassandraStreamChunk.chunks(
                rows.subList(i, Math.min(rows.size(), i + flush)),
                CassandraStreamSink.MAX_ROWS_PER_CHUNK)) {
          chunks.add(
              chunkInsert.bind(
                  c.project(),
                  c.stream(),
                  c.day(),
                  c.slice(),
                  ByteBuffer.wrap(c.chunkId()),
                  c.events(),
                  ByteBuffer.wrap(c.block()),
                  c.ttlSeconds()));
        }
      }
      figures.add(run("chunks", events, session, chunks, SINK_IN_FLIGHT, pid, backgroundPerSecond));
      long chunked = stored.count(project, partitions);
      stored.delete(project, partitions);

      List<Statement<?>> singles = new ArrayList<>();
      for (CassandraStreamRow r : rows) {
        singles.add(bindRow(rowInsert, r));
      }
      List<Statement<?>> batches = new ArrayList<>();
      for (int i = 0; i < rows.size(); i += OLD_BUFFER_ROWS) {
        Map<StreamRows.Partition, List<BoundStatement>> byPartition = new LinkedHashMap<>();
        for (CassandraStreamRow r : rows.subList(i, Math.min(rows.size(), i + OLD_BUFFER_ROWS))) {
          byPartition
              .computeIfAbsent(
                  new StreamRows.Partition(r.stream(), r.day()), k -> new ArrayList<>())
              .add(bindRow(rowInsert, r));
        }
        for (List<BoundStatement> partition : byPartition.values()) {
          for (int j = 0; j < partition.size(); j += OLD_ROWS_PER_BATCH) {
            List<BoundStatement> part =
                partition.subList(j, Math.min(partition.size(), j + OLD_ROWS_PER_BATCH));
            batches.add(
                part.size() == 1
                    ? part.get(0)
                    : BatchStatement.newInstance(BatchType.UNLOGGED).addAll(part));
          }
        }
      }
      figures.add(
          run("rows-batched", events, session, batches, SINK_IN_FLIGHT, pid, backgroundPerSecond));
      long batchedRows = countRows(session, rowCount, project, partitions);
      stored.delete(project, partitions);
      figures.add(run("rows", events, session, singles, ROWS_IN_FLIGHT, pid, backgroundPerSecond));
      long singleRows = countRows(session, rowCount, project, partitions);
      stored.delete(project, partitions);
      if (chunked != events || batchedRows != events || singleRows != events) {
        throw new IllegalStateException(
            "Cassandra holds "
                + chunked
                + " (chunks), "
                + batchedRows
                + " (batched rows), "
                + singleRows
                + " (rows) of "
                + events
                + " events");
      }
    }
    Figures chunks = figures.get(0);
    System.out.printf(
        "RESULT\t%d\t%.2f\t%.0f%n", events, chunks.seconds(), events / chunks.seconds());
  }

  private static Figures run(
      String model,
      int events,
      CqlSession session,
      List<Statement<?>> requests,
      int inFlight,
      OptionalLong pid,
      double backgroundPerSecond)
      throws InterruptedException {
    Semaphore permits = new Semaphore(inFlight);
    List<CompletableFuture<?>> writes = new ArrayList<>(requests.size());
    OptionalLong cpuBefore = cpuMillis(pid);
    long start = System.nanoTime();
    for (Statement<?> request : requests) {
      permits.acquire();
      writes.add(
          session
              .executeAsync(request.setTimeout(Duration.ofSeconds(30)))
              .whenComplete((ok, error) -> permits.release())
              .toCompletableFuture());
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    double seconds = (System.nanoTime() - start) / 1e9;
    OptionalLong cpuAfter = cpuMillis(pid);
    OptionalLong cpu =
        cpuBefore.isPresent() && cpuAfter.isPresent()
            ? OptionalLong.of(cpuAfter.getAsLong() - cpuBefore.getAsLong())
            : OptionalLong.empty();
    Figures figures =
        new Figures(model, events, seconds, requests.size(), cpu, backgroundPerSecond * seconds);
    System.out.println(figures.line());
    return figures;
  }

  /** The Cassandra process's CPU ms per second over 10 s without the ceiling's writes. */
  private static double backgroundCpuMillisPerSecond(OptionalLong pid) throws InterruptedException {
    OptionalLong before = cpuMillis(pid);
    long start = System.nanoTime();
    Thread.sleep(10_000); // a measurement interval, not a wait for a condition
    OptionalLong after = cpuMillis(pid);
    if (before.isEmpty() || after.isEmpty()) {
      return 0;
    }
    return (after.getAsLong() - before.getAsLong()) / ((System.nanoTime() - start) / 1e9);
  }

  private static BoundStatement bindRow(PreparedStatement insert, CassandraStreamRow r) {
    return insert.bind(
        r.project(),
        r.stream(),
        r.day(),
        r.ts(),
        r.eventId(),
        r.level(),
        r.service(),
        r.message(),
        r.attributes(),
        r.receivedAt(),
        r.ingestLagMs(),
        r.sizeBytes(),
        r.ttlSeconds());
  }

  private static long countRows(
      CqlSession session,
      PreparedStatement count,
      String project,
      Set<StreamRows.Partition> partitions) {
    long total = 0;
    for (StreamRows.Partition p : partitions) {
      total +=
          session
              .execute(count.bind(project, p.stream(), p.day()).setTimeout(Duration.ofSeconds(30)))
              .one()
              .getLong(0);
    }
    return total;
  }

  /** The generator's events as the job's rows, sent at {@code rate} events/s from now. */
  private static List<CassandraStreamRow> rows(String project, int events, int rate, int streams) {
    SteppedClock clock = new SteppedClock(Instant.now());
    SyntheticLogs logs = new SyntheticLogs(7, clock);
    List<CassandraStreamRow> rows = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      clock.now = clock.start.plusNanos(i * 1_000_000_000L / rate);
      ObjectNode event = logs.next();
      Instant ts =
          Instant.parse(event.get("ts").asText()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      String message = event.get("msg").asText();
      rows.add(
          new CassandraStreamRow(
              project,
              streams == 0 ? event.get("stream").asText() : "ceiling-" + i % streams,
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
              TTL_SECONDS));
    }
    return rows;
  }

  /** The pid whose CPU is measured: the option, else the local stack's pid file. */
  private static OptionalLong cassandraPid(String option) throws IOException {
    if (option != null && !option.isBlank()) {
      return OptionalLong.of(Long.parseLong(option.trim()));
    }
    Path file = Path.of(".devlogs/run/cassandra.pid");
    if (Files.isReadable(file)) {
      return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
    }
    return OptionalLong.empty();
  }

  /** User plus system CPU of a process so far, from /proc/<pid>/stat (100 ticks per second). */
  static OptionalLong cpuMillis(OptionalLong pid) {
    if (pid.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid.getAsLong() + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // After the name: state is field 3, utime 14 and stime 15 of the whole line.
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return OptionalLong.of(ticks * 10);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** A clock the caller moves, so generated events carry the times of a steady rate. */
  private static final class SteppedClock extends Clock {
    final Instant start;
    Instant now;

    SteppedClock(Instant start) {
      this.start = start;
      this.now = start;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
