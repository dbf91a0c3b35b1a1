package io.devlogs.flink.aggregate;

import static io.devlogs.flink.StackClients.clickHouse;
import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.MiniClusterTier;
import io.devlogs.flink.TestOptions;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogWindow;
import io.devlogs.flink.sinks.ClickHouseWindowSink;
import io.devlogs.testing.Poll;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Window rows from the real window operator, written by the real {@link ClickHouseWindowSink} to
 * the local ClickHouse (endpoint from DEVLOGS_CLICKHOUSE_* or the local stack default): after a
 * late update, a replayed duplicate and a stale row written last, {@code FINAL} shows exactly one
 * row per window, the latest; and the hour query over minute rows gives the totals and percentiles
 * of all the hour's events. Each run uses a fresh random project id.
 */
class WindowAggregationIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final long MINUTE = 60_000;
  private static final Instant HOUR = Instant.parse("2024-03-01T10:00:00Z");
  private static final long T0 = HOUR.toEpochMilli();

  @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusterTier.withSlots(1);

  private static PipelineOptions options;

  @BeforeAll
  static void settings() throws Exception {
    Map<String, String> values = new java.util.HashMap<>();
    options = TestOptions.options(values);
  }

  @Test
  void lateUpdateReplacesTheRowAndHoursAreServedFromMinuteRows() throws Exception {
    String project = "p_winit" + TestOptions.randomBase62(10);
    Random random = new Random(project.hashCode());
    // What went into each (service, level) of the hour: every duration, every event.
    Map<String, List<Double>> durations = new LinkedHashMap<>();
    Map<String, long[]> counts = new LinkedHashMap<>(); // events, errors

    List<LogWindow> written = new ArrayList<>();
    var harness = WindowHarness.create(Duration.ofMinutes(10));
    try (harness) {
      harness.open();
      harness.setProcessingTime(1_000);
      for (int minute = 0; minute < 3; minute++) {
        for (Level level : List.of(Level.INFO, Level.ERROR)) {
          int n = 50 + random.nextInt(200);
          for (int i = 0; i < n; i++) {
            long at = T0 + minute * MINUTE + random.nextInt(60_000);
            Double d = random.nextInt(10) == 0 ? null : Math.exp(3 + random.nextGaussian());
            send(harness, project, "api", level, at, d, durations, counts);
          }
        }
      }
      harness.processWatermark(new Watermark(T0 + 3 * MINUTE + 1));
      int onTime = harness.extractOutputValues().size();
      assertThat(onTime).isEqualTo(6);

      // Two late events for minute 0 / INFO: two more firings, each the full row.
      harness.setProcessingTime(2_000);
      send(harness, project, "api", Level.INFO, T0 + 5, 12_345.0, durations, counts);
      send(harness, project, "api", Level.INFO, T0 + 6, 0.0, durations, counts);
      written.addAll(harness.extractOutputValues());
    }
    assertThat(written).hasSize(8);
    Map<Tuple3<String, Level, Long>, LogWindow> latest = new LinkedHashMap<>();
    for (LogWindow w : written) {
      latest.merge(
          Tuple3.of(w.service(), w.level(), w.windowStartMillis()),
          w,
          (a, b) -> a.version() > b.version() ? a : b);
    }
    // The table's safety net: even duplicated rows and a stale row written last (the sink writes
    // what it is given exactly once) leave one row per window under FINAL, the latest.
    List<LogWindow> toInsert = new ArrayList<>(written);
    toInsert.addAll(written);
    toInsert.add(written.get(0));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    ClickHouseWindowSink.attach(
        env.fromData(toInsert, TypeInformation.of(LogWindow.class)),
        options.clickhouse().endpoint());
    env.execute("window-sink-it");

    List<LogWindow> inTable = pollFinal(project, latest.size());
    assertThat(inTable)
        .usingRecursiveFieldByFieldElementComparator(
            RecursiveComparisonConfiguration.builder()
                .withComparatorForType(WindowAggregationIT::sameWithinOneUlp, Double.class)
                .build())
        .containsExactlyInAnyOrderElementsOf(latest.values());
    LogWindow updated = latest.get(Tuple3.of("api", Level.INFO, T0));
    assertThat(updated.version()).isGreaterThan(written.get(0).version());

    try (Connection c = clickHouse(options)) {
      var hours =
          WindowRollupQuery.query(
              c, project, HOUR, HOUR.plus(Duration.ofHours(1)), WindowRollupQuery.Granularity.HOUR);
      assertThat(hours).hasSize(2);
      for (var hour : hours) {
        String key = hour.level().name();
        assertThat(hour.start()).isEqualTo(HOUR);
        assertThat(hour.service()).isEqualTo("api");
        assertThat(hour.events()).isEqualTo(counts.get(key)[0]);
        assertThat(hour.errors()).isEqualTo(counts.get(key)[1]);
        double[] sorted = durations.get(key).stream().mapToDouble(x -> x).sorted().toArray();
        assertThat(hour.latency().count()).isEqualTo(sorted.length);
        assertThat(hour.latency().sum())
            .isCloseTo(Arrays.stream(sorted).sum(), org.assertj.core.data.Offset.offset(1e-6));
        // Within one ulp, as the rows above: ClickHouse 18.16 reads some decimal texts as the
        // double next to the nearest (1.72075120637164 -> 1.7207512063716401 in one CI run).
        assertThat(sameWithinOneUlp(hour.latency().min(), sorted[0]))
            .as("min %s, expected %s", hour.latency().min(), sorted[0])
            .isZero();
        assertThat(sameWithinOneUlp(hour.latency().max(), sorted[sorted.length - 1]))
            .as("max %s, expected %s", hour.latency().max(), sorted[sorted.length - 1])
            .isZero();
        LatencyHistogram direct = new LatencyHistogram();
        Arrays.stream(sorted).forEach(direct::add);
        for (double q : new double[] {0.5, 0.95, 0.99}) {
          // the same as one histogram over all the hour's durations ...
          assertThat(hour.latency().percentile(q)).isEqualTo(direct.percentile(q));
          // ... so within 1% of the exact value
          double exact = sorted[(int) Math.max(1, Math.ceil(q * sorted.length)) - 1];
          assertThat(hour.latency().percentile(q))
              .isCloseTo(exact, org.assertj.core.data.Offset.offset(exact * 0.0100));
        }
      }
      var days =
          WindowRollupQuery.query(
              c, project, HOUR, HOUR.plus(Duration.ofDays(1)), WindowRollupQuery.Granularity.DAY);
      assertThat(days)
          .extracting(WindowRollupQuery.Rollup::start)
          .containsOnly(Instant.parse("2024-03-01T00:00:00Z"));
      assertThat(days.stream().mapToLong(WindowRollupQuery.Rollup::events).sum())
          .isEqualTo(counts.values().stream().mapToLong(v -> v[0]).sum());
    }
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<Tuple3<String, String, String>, WindowInput, LogWindow>
          h,
      String project,
      String service,
      Level level,
      long at,
      Double durationMs,
      Map<String, List<Double>> durations,
      Map<String, long[]> counts)
      throws Exception {
    LogEvent e = WindowHarness.event(project, service, level, at, durationMs);
    h.processElement(new StreamRecord<>(WindowInput.of(e), at));
    long[] c = counts.computeIfAbsent(level.name(), k -> new long[2]);
    c[0]++;
    c[1] += level == Level.ERROR ? 1 : 0;
    List<Double> d = durations.computeIfAbsent(level.name(), k -> new ArrayList<>());
    if (durationMs != null) {
      d.add(Double.parseDouble(Double.toString(durationMs)));
    }
  }

  /** The FINAL rows of a project, polled until {@code size} rows are there or the deadline. */
  private static List<LogWindow> pollFinal(String project, int size) throws Exception {
    return Poll.latest(DEADLINE, () -> finalRows(project), rows -> rows.size() >= size);
  }

  /**
   * ClickHouse 18.16 parses some decimal doubles one unit in the last place off (its fast float
   * parser is not correctly rounded), so a latency sum, min or max may come back 1 ULP away.
   */
  private static int sameWithinOneUlp(Double a, Double b) {
    return Math.abs(a - b) <= Math.ulp(Math.max(Math.abs(a), Math.abs(b)))
        ? 0
        : Double.compare(a, b);
  }

  private static List<LogWindow> finalRows(String project) throws Exception {
    List<LogWindow> rows = new ArrayList<>();
    try (Connection c = clickHouse(options);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT project, service, toString(level) AS level_name,"
                    + " toUnixTimestamp(minute) AS secs, events, bytes, errors, latency_count,"
                    + " latency_sum, latency_min, latency_max, latency_p50, latency_p95,"
                    + " latency_p99, latency_bucket_ids, latency_bucket_counts, version"
                    + " FROM event_windows FINAL WHERE project = ?")) {
      ps.setString(1, project);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Object ids = rs.getArray("latency_bucket_ids").getArray();
          Object cnts = rs.getArray("latency_bucket_counts").getArray();
          int[] bucketIds = new int[java.lang.reflect.Array.getLength(ids)];
          long[] bucketCounts = new long[bucketIds.length];
          for (int i = 0; i < bucketIds.length; i++) {
            bucketIds[i] = ((Number) java.lang.reflect.Array.get(ids, i)).intValue();
            bucketCounts[i] = ((Number) java.lang.reflect.Array.get(cnts, i)).longValue();
          }
          rows.add(
              new LogWindow(
                  rs.getString("project"),
                  rs.getString("service"),
                  Level.valueOf(rs.getString("level_name")),
                  rs.getLong("secs") * 1000,
                  rs.getLong("events"),
                  rs.getLong("bytes"),
                  rs.getLong("errors"),
                  rs.getLong("latency_count"),
                  rs.getDouble("latency_sum"),
                  rs.getDouble("latency_min"),
                  rs.getDouble("latency_max"),
                  rs.getDouble("latency_p50"),
                  rs.getDouble("latency_p95"),
                  rs.getDouble("latency_p99"),
                  bucketIds,
                  bucketCounts,
                  rs.getLong("version")));
        }
      }
    }
    return rows;
  }
}
