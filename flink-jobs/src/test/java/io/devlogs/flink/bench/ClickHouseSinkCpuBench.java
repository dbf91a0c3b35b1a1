package io.devlogs.flink.bench;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.sinks.ClickHouseEventFormat;
import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.flink.sinks.clickhouse.internal.BatchIds;
import io.devlogs.flink.sinks.clickhouse.internal.StagedBatch;
import io.devlogs.flink.sinks.clickhouse.internal.StagedBatchCommitter;
import io.devlogs.flink.sinks.clickhouse.internal.StagingWriter;
import io.devlogs.schema.ClickHouseDdl;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * ClickHouse's own CPU per 1,000 event rows through the exactly-once sink's cycle, as the sink runs
 * it at each checkpoint: stage one batch, then commit it (intent marker, {@code INSERT ... SELECT}
 * copy into the target, done marker), for each way of staging ({@code JSONEachRow} through the
 * sink's own {@link StagingWriter}, {@code TabSeparated}, {@code RowBinary}) and each batch size,
 * alternated round by round in the same run. Each (way, batch size) has its own staging and target
 * tables, and a phase ends only when the server runs no merge and its part count held still for 3
 * s, so a way that makes more parts pays for their merges. CPU is the server process's utime +
 * stime from {@code /proc/<pid>/stat}, as {@code bench e2e}'s components.csv reads it.
 *
 * <p>From the medians of the two smallest batch sizes of {@code JSONEachRow} it also prints the fit
 * {@code CPU = batches x per batch + rows x per row}: what ClickHouse costs per second at a given
 * rate, checkpoint interval and sink parallelism.
 *
 * <p>Run it against a ClickHouse of its own (its figures include every query the server runs), e.g.
 * a second {@code clickhouse-server} on a free port with an empty data folder:
 *
 * <pre>{@code
 * java -cp flink-jobs/target/test-classes:flink-jobs/target/classes:$(cat flink-jobs/target/cp.txt) \
 *   io.devlogs.flink.bench.ClickHouseSinkCpuBench --url=http://127.0.0.1:PORT --pid=PID \
 *   [--rows=70000] [--chunks=3500,10000] [--rounds=3]
 * }</pre>
 */
public final class ClickHouseSinkCpuBench {

  private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(60);
  private static final long TICKS_PER_SECOND = 100;

  private ClickHouseSinkCpuBench() {}

  /** One way of staging the rows. */
  interface Way {
    String name();

    /** Stages {@code events} as one batch into {@code staging}; returns the staged batch. */
    List<StagedBatch> stage(String staging, List<LogEvent> events) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> arguments = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      arguments.put(a.substring(2, eq), a.substring(eq + 1));
    }
    URI url = URI.create(arguments.getOrDefault("url", "http://127.0.0.1:27823"));
    long pid = Long.parseLong(arguments.get("pid"));
    int rows = Integer.parseInt(arguments.getOrDefault("rows", "70000"));
    int rounds = Integer.parseInt(arguments.getOrDefault("rounds", "3"));
    List<Integer> chunks = new ArrayList<>();
    for (String c : arguments.getOrDefault("chunks", "3500,10000").split(",")) {
      chunks.add(Integer.parseInt(c.strip()));
    }

    ClickHouseEndpoint endpoint = new ClickHouseEndpoint(url, "devlogs", "default", "");
    ClickHouseHttp http = new ClickHouseHttp(endpoint, Duration.ofMinutes(2));
    ClickHouseDdl.apply(
        Path.of("..", "schema", "ddl", "clickhouse"),
        sql -> {
          if (sql.strip().startsWith("SELECT")) {
            return http.select(sql).get(0)[0];
          }
          http.execute(sql, null);
          return "";
        });
    List<Way> ways = List.of(json(http), text(http, "tsv"), text(http, "rowbinary"));
    for (Way way : ways) {
      for (int chunk : chunks) {
        for (String table : List.of("events_staging", "events")) {
          String copy = table + "_" + way.name() + "_" + chunk;
          http.execute("DROP TABLE IF EXISTS devlogs." + copy, null);
          http.execute("CREATE TABLE devlogs." + copy + " AS devlogs." + table, null);
        }
      }
    }
    Map<String, List<Double>> perThousand = new TreeMap<>();
    Random random = new Random(15);
    System.out.printf(
        "ClickHouse pid %d, %d rows per phase, %d rounds, load %s%n",
        pid, rows, rounds, Files.readString(Path.of("/proc/loadavg")).strip());
    long idleBefore = cpuTicks(pid);
    Thread.sleep(5_000);
    double idlePerSecond = (cpuTicks(pid) - idleBefore) / 5.0 / TICKS_PER_SECOND;
    System.out.printf("idle server: %.4f CPU s per second%n", idlePerSecond);
    for (int round = 1; round <= rounds; round++) {
      for (int chunk : chunks) {
        for (Way way : ways) {
          String suffix = "_" + way.name() + "_" + chunk;
          StagedBatchCommitter committer =
              new StagedBatchCommitter(
                  http,
                  new ClickHouseEventFormat(),
                  endpoint,
                  "events" + suffix,
                  "events_staging" + suffix,
                  "sink_commits",
                  0,
                  2,
                  Duration.ofDays(1));
          long stageTicks = 0;
          long commitTicks = 0;
          long wall = System.nanoTime();
          long start = cpuTicks(pid);
          // As the sink does at each checkpoint: stage one batch, then commit it.
          for (int done = 0; done < rows; done += chunk) {
            List<LogEvent> events = events(random, Math.min(chunk, rows - done));
            long before = cpuTicks(pid);
            List<StagedBatch> batches = way.stage("devlogs.events_staging" + suffix, events);
            long staged = cpuTicks(pid);
            committer.stagedHere(batches);
            committer.commit(batches);
            long committed = cpuTicks(pid);
            stageTicks += staged - before;
            commitTicks += committed - staged;
          }
          settle(http);
          long total = cpuTicks(pid) - start;
          double seconds = (System.nanoTime() - wall) / 1e9;
          String what = way.name() + ", " + chunk + " rows/batch";
          record(perThousand, what + ": all", total / (double) TICKS_PER_SECOND, rows);
          record(perThousand, what + ": stage", stageTicks / (double) TICKS_PER_SECOND, rows);
          record(perThousand, what + ": commit", commitTicks / (double) TICKS_PER_SECOND, rows);
          System.out.printf(
              "round %d %-28s: %.2f CPU s for %d rows (stage %.2f, commit %.2f, merges after"
                  + " %.2f; %.1f s wall)%n",
              round,
              what,
              total / 100.0,
              rows,
              stageTicks / 100.0,
              commitTicks / 100.0,
              (total - stageTicks - commitTicks) / 100.0,
              seconds);
        }
      }
    }
    System.out.printf(
        "%nClickHouse CPU s per 1,000 rows (median of %d rounds; load %s)%n",
        rounds, Files.readString(Path.of("/proc/loadavg")).strip());
    Map<String, Double> medians = new TreeMap<>();
    perThousand.forEach(
        (what, values) -> {
          List<Double> sorted = new ArrayList<>(values);
          sorted.sort(Double::compare);
          medians.put(what, sorted.get(sorted.size() / 2));
          System.out.printf("| %-40s | %.4f | %s |%n", what, medians.get(what), values);
        });
    if (chunks.size() >= 2) {
      int small = Math.min(chunks.get(0), chunks.get(1));
      int large = Math.max(chunks.get(0), chunks.get(1));
      double cpuSmall = medians.get("json, " + small + " rows/batch: all") * rows / 1000.0;
      double cpuLarge = medians.get("json, " + large + " rows/batch: all") * rows / 1000.0;
      double batchesSmall = Math.ceil(rows / (double) small);
      double batchesLarge = Math.ceil(rows / (double) large);
      double perBatch = (cpuSmall - cpuLarge) / (batchesSmall - batchesLarge);
      double perThousandRows = (cpuLarge - perBatch * batchesLarge) * 1000.0 / rows;
      System.out.printf(
          "%nFit (JSONEachRow): %.3f CPU s per batch (stage + commit + their merges) + %.4f CPU s"
              + " per 1,000 rows%n",
          perBatch, perThousandRows);
    }
  }

  private static void record(
      Map<String, List<Double>> perThousand, String what, double cpu, int rows) {
    perThousand.computeIfAbsent(what, k -> new ArrayList<>()).add(cpu * 1000.0 / rows);
  }

  /**
   * Waits until the server runs no merge and its count of active parts held still for 3 s (polled,
   * with a deadline), so the merges a phase's parts cause are counted in that phase.
   */
  private static void settle(ClickHouseHttp http) throws Exception {
    long deadline = System.nanoTime() + SETTLE_DEADLINE.toNanos();
    long parts = -1;
    long stillSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long now =
          http.selectLong("SELECT count() FROM system.parts WHERE database = 'devlogs' AND active");
      boolean merging = http.selectLong("SELECT count() FROM system.merges") > 0;
      if (now != parts || merging) {
        parts = now;
        stillSince = System.nanoTime();
      } else if (System.nanoTime() - stillSince > 3_000_000_000L) {
        return;
      }
      Thread.sleep(200);
    }
  }

  static long cpuTicks(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static Way json(ClickHouseHttp http) {
    return new Way() {
      @Override
      public String name() {
        return "json";
      }

      @Override
      public List<StagedBatch> stage(String staging, List<LogEvent> events) throws Exception {
        StagingWriter<LogEvent> writer =
            new StagingWriter<>(
                new ClickHouseEventFormat(), http, staging, 0, events.size(), Integer.MAX_VALUE);
        for (LogEvent e : events) {
          writer.write(e);
        }
        StagingWriter.Outcome outcome = writer.stage();
        if (outcome.pending()) {
          // A keep-alive connection the server closed while idle: the sink tries again too.
          outcome = writer.stage();
        }
        if (outcome.pending() || !outcome.refused().isEmpty()) {
          throw new IllegalStateException("staging failed: " + outcome);
        }
        return outcome.staged();
      }
    };
  }

  private static Way text(ClickHouseHttp http, String name) {
    boolean binary = name.equals("rowbinary");
    ClickHouseEventFormat format = new ClickHouseEventFormat();
    BatchIds ids = new BatchIds(0);
    return new Way() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<StagedBatch> stage(String staging, List<LogEvent> events) throws Exception {
        String insert =
            "INSERT INTO "
                + staging
                + " (batch_id, staged_at, "
                + String.join(", ", ClickHouseEventFormat.COLUMNS)
                + ") FORMAT "
                + (binary ? "RowBinary" : "TabSeparated");
        long stagedAt = Instant.now().getEpochSecond();
        String batch = ids.next();
        Map<Long, Long> rowsByPartition = new HashMap<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 400);
        for (LogEvent e : events) {
          if (binary) {
            BenchRows.rowBinary(out, batch, stagedAt, e);
          } else {
            BenchRows.tabSeparated(out, batch, stagedAt, e);
          }
          rowsByPartition.merge(format.partitionOf(e), 1L, Long::sum);
        }
        try {
          http.insert(insert, out.toByteArray());
        } catch (ClickHouseHttp.NoAnswer e) {
          http.insert(insert, out.toByteArray()); // as above: a connection closed while idle
        }
        return List.of(new StagedBatch(batch, rowsByPartition));
      }
    };
  }

  /** Events shaped like the end-to-end benchmark's: a request line, a few attributes. */
  static List<LogEvent> events(Random random, int n) {
    List<LogEvent> events = new ArrayList<>(n);
    long now = System.currentTimeMillis();
    String[] paths = {"/api/orders", "/api/users", "/checkout", "/login", "/api/search"};
    for (int i = 0; i < n; i++) {
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("http.method", random.nextBoolean() ? "GET" : "POST");
      attributes.put("http.status", String.valueOf(200 + random.nextInt(4) * 100));
      attributes.put("trace_id", Long.toHexString(random.nextLong()));
      String message =
          attributes.get("http.method")
              + " "
              + paths[random.nextInt(paths.length)]
              + "/"
              + random.nextInt(100_000)
              + " took "
              + random.nextInt(900)
              + " ms for user u"
              + random.nextInt(5_000)
              + " \"quoted\" tab\there";
      long ts = now - random.nextInt(5_000);
      events.add(
          new LogEvent(
              "p_cpu_bench",
              UUID.randomUUID().toString(),
              ts * 1_000_000L + random.nextInt(1_000_000),
              Level.values()[random.nextInt(4) + 1],
              "svc-" + random.nextInt(8),
              "stream-" + random.nextInt(50),
              message,
              attributes,
              ts + 3,
              message.length() + 60,
              30,
              "pat" + random.nextInt(20)));
    }
    return events;
  }

  /** Row encoders of the alternatives, bench-local until one is adopted. */
  static final class BenchRows {
    private static final java.time.format.DateTimeFormatter DATE_TIME =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(java.time.ZoneOffset.UTC);

    private BenchRows() {}

    static void tabSeparated(ByteArrayOutputStream out, String batch, long stagedAt, LogEvent e) {
      StringBuilder sb = new StringBuilder(400);
      sb.append(batch).append('\t');
      sb.append(dateTime(stagedAt)).append('\t');
      escaped(sb, e.projectId()).append('\t');
      long nanos = e.epochNanos();
      sb.append(dateTime(Math.floorDiv(nanos, 1_000_000_000L))).append('\t');
      sb.append(Math.floorMod(nanos, 1_000_000_000L)).append('\t');
      escaped(sb, e.eventId()).append('\t');
      sb.append(e.level().name()).append('\t');
      escaped(sb, e.service()).append('\t');
      escaped(sb, e.stream()).append('\t');
      escaped(sb, e.message()).append('\t');
      array(sb, e.attributes().keySet()).append('\t');
      array(sb, e.attributes().values()).append('\t');
      sb.append(dateTime(Math.floorDiv(e.receivedAtMillis(), 1000L))).append('\t');
      sb.append(e.receivedAtMillis()).append('\t');
      sb.append(e.ingestLagMillis()).append('\t');
      sb.append(e.sizeBytes()).append('\t');
      sb.append(e.retentionDays()).append('\t');
      escaped(sb, e.patternId()).append('\n');
      out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static StringBuilder array(StringBuilder sb, java.util.Collection<String> values) {
      sb.append('[');
      boolean first = true;
      for (String v : values) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append('\'');
        escaped(sb, v.replace("'", "\\'"));
        sb.append('\'');
      }
      return sb.append(']');
    }

    private static StringBuilder escaped(StringBuilder sb, String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '\\' -> sb.append("\\\\");
          case '\t' -> sb.append("\\t");
          case '\n' -> sb.append("\\n");
          default -> sb.append(c);
        }
      }
      return sb;
    }

    private static String dateTime(long epochSecond) {
      return DATE_TIME.format(Instant.ofEpochSecond(epochSecond));
    }

    static void rowBinary(ByteArrayOutputStream out, String batch, long stagedAt, LogEvent e) {
      string(out, batch);
      int32(out, (int) stagedAt);
      string(out, e.projectId());
      long nanos = e.epochNanos();
      int32(out, (int) Math.floorDiv(nanos, 1_000_000_000L));
      int32(out, (int) Math.floorMod(nanos, 1_000_000_000L));
      string(out, e.eventId());
      out.write(e.level().ordinal() + 1);
      string(out, e.service());
      string(out, e.stream());
      string(out, e.message());
      varUInt(out, e.attributes().size());
      for (String k : e.attributes().keySet()) {
        string(out, k);
      }
      varUInt(out, e.attributes().size());
      for (String v : e.attributes().values()) {
        string(out, v);
      }
      int32(out, (int) Math.floorDiv(e.receivedAtMillis(), 1000L));
      int64(out, e.receivedAtMillis());
      int64(out, e.ingestLagMillis());
      int32(out, e.sizeBytes());
      out.write(e.retentionDays() & 0xff);
      out.write(e.retentionDays() >>> 8);
      string(out, e.patternId());
    }

    private static void string(ByteArrayOutputStream out, String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varUInt(out, b.length);
      out.writeBytes(b);
    }

    private static void varUInt(ByteArrayOutputStream out, long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }

    private static void int32(ByteArrayOutputStream out, int v) {
      out.write(v);
      out.write(v >>> 8);
      out.write(v >>> 16);
      out.write(v >>> 24);
    }

    private static void int64(ByteArrayOutputStream out, long v) {
      int32(out, (int) v);
      int32(out, (int) (v >>> 32));
    }
  }
}
