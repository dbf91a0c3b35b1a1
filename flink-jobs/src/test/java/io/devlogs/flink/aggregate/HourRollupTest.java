package io.devlogs.flink.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.MiniClusterTier;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogEventStreamType;
import io.devlogs.flink.records.LogWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hour rollup behind the real minute windows, on two subtasks: the newest row of each hour
 * holds every event of its hour and key (counts, durations, histogram), whatever minute they fell
 * in, including a late one that fired its minute and hour again with a higher version.
 */
class HourRollupTest {

  private static final long MINUTE = 60_000;
  private static final long HOUR_MILLIS = HourRollup.HOUR.toMillis();
  private static final long T0 = Instant.parse("2024-03-01T10:00:00Z").toEpochMilli();
  private static final Duration LATENESS = Duration.ofMinutes(10);

  @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusterTier.withSlots(2);

  /** What went into one (service, level, hour). */
  private static final class Expected {
    long events;
    long errors;
    final LatencyHistogram latency = new LatencyHistogram();
  }

  @Test
  void theNewestHourRowHoldsEveryEventOfItsHourIncludingLateOnes() throws Exception {
    Random random = new Random(42);
    List<LogEvent> events = new ArrayList<>();
    Map<String, Expected> expected = new HashMap<>();
    for (int i = 0; i < 2_000; i++) {
      String service = random.nextBoolean() ? "api" : "db";
      Level level = random.nextInt(5) == 0 ? Level.ERROR : Level.INFO;
      // Hour 10 and the first minutes of hour 11, in time order.
      long at = T0 + (long) i * (HOUR_MILLIS + 5 * MINUTE) / 2_000;
      Double duration = random.nextInt(4) == 0 ? null : Math.exp(2 + random.nextGaussian());
      events.add(event(service, level, at, duration, expected));
    }
    // Late: the watermark is past 11:04, so hour 10 and its minute 10:59 have fired; within the
    // lateness both fire again.
    events.add(event("api", Level.INFO, T0 + HOUR_MILLIS - 30_000, 12_345.0, expected));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    var source =
        env.fromData(events, LogEventStreamType.INSTANCE)
            .assignTimestampsAndWatermarks(eachEventAdvancesTheWatermark());
    var minutes =
        WindowAggregation.aggregate(
            source, new WindowOptions(Duration.ZERO, Duration.ZERO, LATENESS));
    List<LogWindow> hourRows = new ArrayList<>();
    try (CloseableIterator<LogWindow> rows = HourRollup.of(minutes, LATENESS).executeAndCollect()) {
      rows.forEachRemaining(hourRows::add);
    }

    Map<String, List<LogWindow>> byKey = new HashMap<>();
    for (LogWindow row : hourRows) {
      assertThat(row.windowStartMillis() % HOUR_MILLIS).isZero();
      byKey
          .computeIfAbsent(
              key(row.service(), row.level(), row.windowStartMillis()), k -> new ArrayList<>())
          .add(row);
    }
    assertThat(byKey.keySet()).isEqualTo(expected.keySet());
    for (Map.Entry<String, List<LogWindow>> e : byKey.entrySet()) {
      List<LogWindow> versions = e.getValue();
      versions.sort(Comparator.comparingLong(LogWindow::version));
      LogWindow newest = versions.get(versions.size() - 1);
      Expected want = expected.get(e.getKey());
      assertThat(newest.events()).as(e.getKey()).isEqualTo(want.events);
      assertThat(newest.errors()).as(e.getKey()).isEqualTo(want.errors);
      assertThat(newest.latencyCount()).as(e.getKey()).isEqualTo(want.latency.count());
      assertThat(newest.latencySum())
          .as(e.getKey())
          .isCloseTo(want.latency.sum(), org.assertj.core.data.Offset.offset(1e-6));
      assertThat(newest.latencyMin()).as(e.getKey()).isEqualTo(want.latency.min());
      assertThat(newest.latencyMax()).as(e.getKey()).isEqualTo(want.latency.max());
      assertThat(newest.latencyBucketIds()).as(e.getKey()).isEqualTo(want.latency.bucketIds());
      assertThat(newest.latencyBucketCounts())
          .as(e.getKey())
          .isEqualTo(want.latency.bucketCounts());
      assertThat(newest.latencyP95()).as(e.getKey()).isEqualTo(want.latency.percentile(0.95));
      assertThat(versions).extracting(LogWindow::version).doesNotHaveDuplicates();
    }
    List<LogWindow> lateHour = byKey.get(key("api", Level.INFO, T0));
    assertThat(lateHour).as("fired on time, then for the late event").hasSize(2);
    assertThat(lateHour.get(1).events()).isEqualTo(lateHour.get(0).events() + 1);
    assertThat(lateHour.get(1).latencyMax()).isEqualTo(12_345.0);
    assertThat(byKey.get(key("db", Level.INFO, T0))).as("fired once, on time").hasSize(1);
  }

  @Test
  void afterAnUpgradeHoursThatStartedBeforeTheRollupGetNoRowAndLaterOnesDo() throws Exception {
    OperatorSubtaskState rollupState;
    try (var harness = harness()) {
      // Restored from a savepoint without the rollup's state: minutes 10:00-10:29 fired before.
      harness.initializeState(OperatorSubtaskState.builder().build());
      harness.open();
      for (int minute = 30; minute < 60; minute++) {
        harness.processElement(minuteRow(T0 + minute * MINUTE, 1), T0 + (minute + 1) * MINUTE - 1);
      }
      harness.processWatermark(T0 + HOUR_MILLIS + 30_000);
      assertThat(harness.extractOutputValues()).as("hour 10 may lack minutes").isEmpty();
      for (int minute = 60; minute < 180; minute++) {
        harness.processElement(minuteRow(T0 + minute * MINUTE, 1), T0 + (minute + 1) * MINUTE - 1);
      }
      harness.processWatermark(T0 + 3 * HOUR_MILLIS);
      // Hour 11 started before the first firing's watermark (11:00:30): no row either.
      assertThat(harness.extractOutputValues())
          .extracting(LogWindow::windowStartMillis, LogWindow::events)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(T0 + 2 * HOUR_MILLIS, 60L));
      rollupState = harness.snapshot(1, 1);
    }
    try (var harness = harness()) {
      // Restored with its own state: the next hour's first firing has a row.
      harness.initializeState(rollupState);
      harness.open();
      harness.processElement(minuteRow(T0 + 3 * HOUR_MILLIS, 1), T0 + 3 * HOUR_MILLIS + MINUTE - 1);
      harness.processWatermark(T0 + 4 * HOUR_MILLIS + 30_000);
      assertThat(harness.extractOutputValues())
          .extracting(LogWindow::windowStartMillis)
          .containsExactly(T0 + 3 * HOUR_MILLIS);
    }
  }

  @SuppressWarnings("unchecked")
  private static KeyedOneInputStreamOperatorTestHarness<
          Tuple3<String, String, String>, LogWindow, LogWindow>
      harness() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    var hours =
        HourRollup.of(
            env.fromData(List.of(minuteRow(T0, 1)), TypeInformation.of(LogWindow.class)), LATENESS);
    var transformation = (OneInputTransformation<LogWindow, LogWindow>) hours.getTransformation();
    return new KeyedOneInputStreamOperatorTestHarness<>(
        (OneInputStreamOperator<LogWindow, LogWindow>) transformation.getOperator(),
        (KeySelector<LogWindow, Tuple3<String, String, String>>)
            transformation.getStateKeySelector(),
        (TypeInformation<Tuple3<String, String, String>>) transformation.getStateKeyType());
  }

  /** One event's row of (api, INFO) for the minute starting at {@code minuteStart}. */
  private static LogWindow minuteRow(long minuteStart, long version) {
    WindowAccumulator one = new WindowAccumulator();
    one.setEvents(1);
    return EmitWindowRow.row("p_hours", "api", Level.INFO, minuteStart, one, version);
  }

  private static LogEvent event(
      String service, Level level, long at, Double durationMs, Map<String, Expected> expected) {
    Expected want =
        expected.computeIfAbsent(
            key(service, level, at - Math.floorMod(at, HOUR_MILLIS)), k -> new Expected());
    want.events++;
    want.errors += level == Level.ERROR ? 1 : 0;
    if (durationMs != null) {
      want.latency.add(Double.parseDouble(Double.toString(durationMs)));
    }
    return WindowHarness.event("p_hours", service, level, at, durationMs);
  }

  private static String key(String service, Level level, long hourStart) {
    return service + "/" + level + "@" + Instant.ofEpochMilli(hourStart);
  }

  /** Each event moves the watermark to its own time: no event is late unless it is out of order. */
  private static WatermarkStrategy<LogEvent> eachEventAdvancesTheWatermark() {
    return WatermarkStrategy.<LogEvent>forGenerator(
            context ->
                new WatermarkGenerator<>() {
                  @Override
                  public void onEvent(LogEvent event, long timestamp, WatermarkOutput output) {
                    output.emitWatermark(new Watermark(timestamp - 1));
                  }

                  @Override
                  public void onPeriodicEmit(WatermarkOutput output) {}
                })
        .withTimestampAssigner((event, previous) -> event.epochMillis());
  }
}
