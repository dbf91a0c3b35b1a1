package io.devlogs.flink.bench;

import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.sinks.ClickHouseEventFormat;
import io.devlogs.flink.sinks.ParsedEventSink;
import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.flink.sinks.clickhouse.internal.StagingWriter;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The job's CPU per event for each form it serialises an event into, A/B in one JVM: this thread's
 * CPU time (not wall time, so a loaded machine still compares) per event over the same events, ways
 * alternated round by round after a warm-up, and the bytes each way allocates per event (what the
 * garbage collector pays for later). Nothing is sent anywhere: the ClickHouse rows are buffered and
 * their staging bodies built, as the sink does before an insert.
 *
 * <pre>{@code
 * java -cp flink-jobs/target/test-classes:flink-jobs/target/classes:$(cat flink-jobs/target/cp.txt) \
 *   io.devlogs.flink.bench.SinkRowCpuBench [--events=200000] [--rounds=5]
 * }</pre>
 */
public final class SinkRowCpuBench {

  /** Rows one sink subtask stages per checkpoint at 7,000 events/s, 1 s checkpoints, 2 subtasks. */
  private static final int ROWS_PER_CHECKPOINT = 3_500;

  private SinkRowCpuBench() {}

  interface Way {
    /** Serialises the events; returns a number that depends on the output (so none is skipped). */
    long run(List<LogEvent> events) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> arguments = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      arguments.put(a.substring(2, eq), a.substring(eq + 1));
    }
    int n = Integer.parseInt(arguments.getOrDefault("events", "200000"));
    int rounds = Integer.parseInt(arguments.getOrDefault("rounds", "5"));
    List<LogEvent> events = ClickHouseSinkCpuBench.events(new Random(15), n);
    long[] sent = new long[1];
    ClickHouseHttp nowhere =
        new ClickHouseHttp(
            new ClickHouseEndpoint(URI.create("http://nowhere.invalid/"), "devlogs", "", ""),
            Duration.ofSeconds(1)) {
          @Override
          public void insert(String insertSql, byte[] body) {
            sent[0] += body.length;
          }
        };

    Map<String, Way> ways = new LinkedHashMap<>();
    ways.put(
        "ClickHouse row, JSONEachRow (StagingWriter)",
        list -> {
          StagingWriter<LogEvent> writer =
              new StagingWriter<>(
                  new ClickHouseEventFormat(),
                  nowhere,
                  "devlogs.events_staging",
                  0,
                  100_000,
                  64 << 20);
          int buffered = 0;
          for (LogEvent e : list) {
            writer.write(e);
            if (++buffered == ROWS_PER_CHECKPOINT) { // a checkpoint: the sink stages its rows
              writer.stage();
              buffered = 0;
            }
          }
          writer.stage();
          return sent[0];
        });
    ways.put(
        "ClickHouse row, RowBinary",
        list -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
          for (LogEvent e : list) {
            ClickHouseSinkCpuBench.BenchRows.rowBinary(out, "batch", 0, e);
          }
          return out.size();
        });
    ways.put(
        "parsed-topic record (ParsedEventJson)",
        list -> {
          long bytes = 0;
          for (LogEvent e : list) {
            bytes += ParsedEventSink.toProducerRecord("t", e).value().length;
          }
          return bytes;
        });

    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Map<String, List<Double>> micros = new LinkedHashMap<>();
    Map<String, Double> allocated = new LinkedHashMap<>();
    for (int round = 0; round <= rounds; round++) {
      for (Map.Entry<String, Way> way : ways.entrySet()) {
        long bytesBefore = threads.getCurrentThreadAllocatedBytes();
        long before = threads.getCurrentThreadCpuTime();
        long sink = way.getValue().run(events);
        long cpu = threads.getCurrentThreadCpuTime() - before;
        allocated.put(
            way.getKey(), (threads.getCurrentThreadAllocatedBytes() - bytesBefore) / (double) n);
        if (round > 0 && sink > 0) { // round 0 warms the JIT up
          micros.computeIfAbsent(way.getKey(), k -> new ArrayList<>()).add(cpu / 1000.0 / n);
        }
      }
    }
    System.out.printf(
        "CPU µs per event, %d events, median of %d rounds (load %s)%n",
        n, rounds, Files.readString(Path.of("/proc/loadavg")).strip());
    micros.forEach(
        (way, values) -> {
          List<Double> sorted = new ArrayList<>(values);
          sorted.sort(Double::compare);
          System.out.printf(
              "| %-45s | %.2f µs | %.0f bytes allocated |%n",
              way, sorted.get(sorted.size() / 2), allocated.get(way));
        });
  }
}
