package io.devlogs.flink.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class MinuteCombinerTest {

  private static final long MINUTE = 60_000;
  private static final long T0 = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

  private static LogEvent event(String service, Level level, long millis, Double durationMs) {
    return WindowHarness.event("p", service, level, millis, durationMs);
  }

  private static WindowAccumulator totals(LogEvent... events) {
    WindowAccumulator totals = new WindowAccumulator();
    for (LogEvent e : events) {
      totals.add(e);
    }
    return totals;
  }

  @Test
  void eventsOfAKeyAndMinuteAreCombinedAndSentBeforeTheNextWatermark() throws Exception {
    try (var harness =
        new OneInputStreamOperatorTestHarness<>(new MinuteCombiner<>(WindowInput.COMBINING))) {
      harness.open();
      // Received at 100 s: two events of one key and minute, one of another level, one of the next
      // minute, and one an hour later on a fast client clock.
      LogEvent a = event("api", Level.INFO, T0 + 5_000, 10.0);
      LogEvent b = event("api", Level.INFO, T0 + 7_000, 30.0);
      LogEvent error = event("api", Level.ERROR, T0 + 8_000, null);
      LogEvent next = event("api", Level.INFO, T0 + MINUTE + 1, null);
      LogEvent future = event("api", Level.INFO, T0 + 60 * MINUTE, null);
      for (LogEvent e : List.of(a, b, error, next, future)) {
        harness.processElement(new StreamRecord<>(e, T0 + 100_000));
      }
      assertThat(harness.getOutput()).isEmpty();

      harness.processWatermark(new Watermark(T0 - 1));
      harness.processWatermarkStatus(WatermarkStatus.IDLE);

      List<Object> output = new ArrayList<>(harness.getOutput());
      assertThat(output.subList(0, 4))
          .containsExactlyInAnyOrder(
              new StreamRecord<>(WindowInput.totals("p", "api", Level.INFO, totals(a, b)), T0),
              new StreamRecord<>(WindowInput.totals("p", "api", Level.ERROR, totals(error)), T0),
              new StreamRecord<>(
                  WindowInput.totals("p", "api", Level.INFO, totals(next)), T0 + MINUTE),
              new StreamRecord<>(
                  WindowInput.totals("p", "api", Level.INFO, totals(future)), T0 + 60 * MINUTE));
      assertThat(output.subList(4, 6)).containsExactly(new Watermark(T0 - 1), WatermarkStatus.IDLE);
    }
  }

  @Test
  void anEventOfAWindowAlreadyDueGoesAloneWithTheEventOnItsOwnTime() throws Exception {
    try (var harness =
        new OneInputStreamOperatorTestHarness<>(new MinuteCombiner<>(WindowInput.COMBINING))) {
      harness.open();
      harness.processWatermark(new Watermark(T0 + MINUTE - 1));
      LogEvent late = event("api", Level.WARN, T0 + 59_999, 5.0);
      LogEvent onTime = event("api", Level.WARN, T0 + MINUTE, 5.0);
      harness.processElement(new StreamRecord<>(late, T0 + 2 * MINUTE));
      harness.processElement(new StreamRecord<>(onTime, T0 + 2 * MINUTE));

      assertThat(harness.getOutput())
          .containsExactly(
              new Watermark(T0 + MINUTE - 1),
              new StreamRecord<>(WindowInput.of(late), T0 + 59_999));
    }
  }

  @Test
  void combinedTotalsAreSentBeforeTheInputGoesIdle() throws Exception {
    try (var harness =
        new OneInputStreamOperatorTestHarness<>(new MinuteCombiner<>(WindowInput.COMBINING))) {
      harness.open();
      LogEvent e = event("api", Level.INFO, T0, null);
      harness.processElement(new StreamRecord<>(e, T0));
      harness.processWatermarkStatus(WatermarkStatus.IDLE);

      assertThat(harness.getOutput())
          .containsExactly(
              new StreamRecord<>(WindowInput.totals("p", "api", Level.INFO, totals(e)), T0),
              WatermarkStatus.IDLE);
    }
  }

  @Test
  void combinedTotalsAreSentBeforeEveryCheckpointBarrierAndAtTheEnd() throws Exception {
    try (var harness =
        new OneInputStreamOperatorTestHarness<>(new MinuteCombiner<>(WindowInput.COMBINING))) {
      harness.open();
      LogEvent first = event("api", Level.INFO, T0, 1.0);
      harness.processElement(new StreamRecord<>(first, T0));
      harness.prepareSnapshotPreBarrier(1L);
      assertThat(harness.extractOutputValues())
          .containsExactly(WindowInput.totals("p", "api", Level.INFO, totals(first)));
      // Nothing is kept for the state of the checkpoint: what it does not cover is replayed.
      assertThat(harness.snapshot(1L, T0).getManagedOperatorState()).isEmpty();

      LogEvent last = event("api", Level.INFO, T0 + 1, 2.0);
      harness.processElement(new StreamRecord<>(last, T0));
      harness.getOperator().finish();
      assertThat(harness.extractOutputValues())
          .containsExactly(
              WindowInput.totals("p", "api", Level.INFO, totals(first)),
              WindowInput.totals("p", "api", Level.INFO, totals(last)));
    }
  }

  /**
   * Random events around a moving watermark, some within the allowed lateness, some past it: the
   * window operator fed through the combiner emits the same rows (totals and versions) and the same
   * too-late events as fed with every event on its own.
   */
  @Test
  void theWindowsEmitTheSameRowsAndTooLateEventsAsWithoutCombining() throws Exception {
    Duration lateness = Duration.ofMinutes(2);
    long tooLate = 0;
    long lateUpdates = 0;
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      List<Object> inputs = new ArrayList<>();
      long watermark = T0;
      for (int i = 0; i < 2_000; i++) {
        if (random.nextInt(50) == 0) {
          watermark += random.nextInt((int) MINUTE);
          inputs.add(new Watermark(watermark));
        } else {
          long time = watermark - 4 * MINUTE + random.nextInt((int) (5 * MINUTE));
          inputs.add(
              WindowHarness.event(
                  "p" + random.nextInt(2),
                  "s" + random.nextInt(2),
                  Level.values()[random.nextInt(3)],
                  time,
                  random.nextBoolean() ? null : (double) random.nextInt(1_000)));
        }
      }
      inputs.add(new Watermark(Long.MAX_VALUE));

      Outcome alone = eachOnItsOwn(inputs, lateness);
      Outcome combined = throughTheCombiner(inputs, lateness);

      assertThat(combined.rows()).as("seed " + seed).hasSameElementsAs(alone.rows());
      assertThat(combined.rows()).hasSameSizeAs(alone.rows());
      assertThat(combined.tooLate()).as("seed " + seed).isEqualTo(alone.tooLate());
      tooLate += alone.tooLate().size();
      lateUpdates += alone.rows().stream().filter(r -> r.version() > 1_000_000L).count();
    }
    // The streams had both kinds of late events.
    assertThat(tooLate).isPositive();
    assertThat(lateUpdates).isPositive();
  }

  private record Outcome(List<LogWindow> rows, List<LogEvent> tooLate) {}

  private static Outcome eachOnItsOwn(List<Object> inputs, Duration lateness) throws Exception {
    try (var windows = WindowHarness.create(lateness)) {
      windows.open();
      windows.setProcessingTime(1_000);
      for (Object input : inputs) {
        if (input instanceof LogEvent e) {
          windows.processElement(new StreamRecord<>(WindowInput.of(e), e.epochMillis()));
        } else {
          windows.processWatermark((Watermark) input);
        }
      }
      return outcome(windows);
    }
  }

  private static Outcome throughTheCombiner(List<Object> inputs, Duration lateness)
      throws Exception {
    try (var combiner =
            new OneInputStreamOperatorTestHarness<>(new MinuteCombiner<>(WindowInput.COMBINING));
        var windows = WindowHarness.create(lateness)) {
      combiner.open();
      windows.open();
      windows.setProcessingTime(1_000);
      for (Object input : inputs) {
        if (input instanceof LogEvent e) {
          combiner.processElement(new StreamRecord<>(e, e.receivedAtMillis()));
        } else {
          combiner.processWatermark((Watermark) input);
        }
        Object out;
        while ((out = combiner.getOutput().poll()) != null) {
          if (out instanceof StreamRecord<?> r) {
            @SuppressWarnings("unchecked")
            StreamRecord<WindowInput> record = (StreamRecord<WindowInput>) r;
            windows.processElement(record);
          } else {
            windows.processWatermark((Watermark) out);
          }
        }
      }
      return outcome(windows);
    }
  }

  private static Outcome outcome(
      org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness<
              ?, WindowInput, LogWindow>
          windows) {
    var late = windows.getSideOutput(WindowAggregation.TOO_LATE);
    return new Outcome(
        windows.extractOutputValues(),
        late == null ? List.of() : late.stream().map(r -> r.getValue().event()).toList());
  }
}
