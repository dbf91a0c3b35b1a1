package io.devlogs.flink.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.RawLogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

/**
 * The source's watermark strategy, as the Kafka source runs it for one partition: timestamps are
 * received times, the watermark never follows a client's clock, and a silent partition goes idle.
 */
class ReceivedTimeWatermarksTest {

  private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(10);
  private static final Duration IDLENESS = Duration.ofMinutes(1);

  private final ManualClock clock = new ManualClock(Duration.ofHours(1).toNanos());
  private final Output out = new Output();

  @Test
  void timestampsAreReceivedTimesFromTheHeaderElseTheKafkaTimestamp() {
    TimestampAssigner<RawLogRecord> assigner =
        strategy(IDLENESS).createTimestampAssigner(UnregisteredMetricsGroup::new);
    assertThat(assigner.extractTimestamp(record("101000", 99_000, "{}"), -1)).isEqualTo(101_000);
    assertThat(assigner.extractTimestamp(record(" 101000 ", 99_000, "{}"), -1)).isEqualTo(101_000);
    assertThat(assigner.extractTimestamp(record(null, 99_000, "{}"), -1)).isEqualTo(99_000);
    assertThat(assigner.extractTimestamp(record("soon", 99_000, "{}"), -1)).isEqualTo(99_000);
  }

  @Test
  void watermarksFollowReceivedTimesNeverAClientsClock() {
    WatermarkStrategy<RawLogRecord> strategy = strategy(IDLENESS);
    TimestampAssigner<RawLogRecord> assigner =
        strategy.createTimestampAssigner(UnregisteredMetricsGroup::new);
    WatermarkGenerator<RawLogRecord> generator = strategy.createWatermarkGenerator(context());
    // A client clock an hour fast: the event says 01:01:40, ingest received it at 00:01:41.
    for (RawLogRecord raw :
        List.of(
            record("101000", 101_000, "{\"ts\":\"1970-01-01T01:01:40Z\"}"),
            record("100000", 100_000, "{}"), // received out of order: no step back
            record("103000", 103_000, "{}"))) {
      generator.onEvent(raw, assigner.extractTimestamp(raw, -1), out);
      generator.onPeriodicEmit(out);
    }
    assertThat(out.watermarks).containsExactly(90_999L, 90_999L, 92_999L);
    assertThat(out.idle).isFalse();
  }

  @Test
  void aPartitionWithoutRecordsForTheIdlenessStopsHoldingTheWindowsBack() {
    WatermarkStrategy<RawLogRecord> strategy = strategy(IDLENESS);
    WatermarkGenerator<RawLogRecord> generator = strategy.createWatermarkGenerator(context());
    generator.onEvent(record("101000", 101_000, "{}"), 101_000, out);
    generator.onPeriodicEmit(out); // sees the record
    generator.onPeriodicEmit(out); // the silence starts (emits come every 200 ms in the job)
    clock.advanceTime(IDLENESS.minusSeconds(1));
    generator.onPeriodicEmit(out);
    assertThat(out.idle).as("silent for less than the idleness").isFalse();

    clock.advanceTime(Duration.ofSeconds(2));
    generator.onPeriodicEmit(out);
    assertThat(out.idle).as("silent for longer than the idleness").isTrue();

    generator.onEvent(record("200000", 200_000, "{}"), 200_000, out);
    generator.onPeriodicEmit(out);
    assertThat(out.idle).as("active again with its next record").isFalse();
    assertThat(out.watermarks).last().isEqualTo(189_999L);
  }

  @Test
  void idlenessZeroNeverMarksAPartitionIdle() {
    WatermarkGenerator<RawLogRecord> generator =
        strategy(Duration.ZERO).createWatermarkGenerator(context());
    generator.onEvent(record("101000", 101_000, "{}"), 101_000, out);
    generator.onPeriodicEmit(out);
    clock.advanceTime(Duration.ofDays(1));
    generator.onPeriodicEmit(out);
    generator.onPeriodicEmit(out);
    assertThat(out.idle).isFalse();
    assertThat(out.watermarks).containsOnly(90_999L);
  }

  private static WatermarkStrategy<RawLogRecord> strategy(Duration idleness) {
    return ReceivedTimeWatermarks.strategy(
        new WindowOptions(OUT_OF_ORDERNESS, idleness, Duration.ofMinutes(10)));
  }

  private WatermarkGeneratorSupplier.Context context() {
    return new WatermarkGeneratorSupplier.Context() {
      @Override
      public MetricGroup getMetricGroup() {
        return new UnregisteredMetricsGroup();
      }

      @Override
      public RelativeClock getInputActivityClock() {
        return clock;
      }
    };
  }

  private static RawLogRecord record(String receivedHeader, long kafkaTimestamp, String value) {
    return new RawLogRecord(
        "p",
        value.getBytes(StandardCharsets.UTF_8),
        "p",
        receivedHeader,
        "json",
        null,
        null,
        "devlogs-raw",
        0,
        0,
        kafkaTimestamp);
  }

  /** Records what a generator emits, as the source's per-split output would. */
  private static final class Output implements WatermarkOutput {
    final List<Long> watermarks = new ArrayList<>();
    boolean idle;

    @Override
    public void emitWatermark(Watermark watermark) {
      watermarks.add(watermark.getTimestamp());
      idle = false;
    }

    @Override
    public void markIdle() {
      idle = true;
    }

    @Override
    public void markActive() {
      idle = false;
    }
  }
}
