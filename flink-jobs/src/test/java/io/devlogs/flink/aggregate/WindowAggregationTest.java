package io.devlogs.flink.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The production window operator (taken from the graph {@link WindowAggregation#windows} builds) in
 * a keyed operator test harness: event time, watermarks and processing time are driven by the test.
 */
class WindowAggregationTest {

  private static final Duration LATENESS = Duration.ofMinutes(10);
  private static final long MINUTE = 60_000;
  private static final long T0 = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

  private KeyedOneInputStreamOperatorTestHarness<
          Tuple3<String, String, String>, WindowInput, LogWindow>
      harness;

  @AfterEach
  void close() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<
          Tuple3<String, String, String>, WindowInput, LogWindow>
      newHarness() throws Exception {
    return WindowHarness.create(LATENESS);
  }

  private void open() throws Exception {
    harness = newHarness();
    harness.open();
  }

  static LogEvent event(String project, String service, Level level, long millis, Double durMs) {
    return WindowHarness.event(project, service, level, millis, durMs);
  }

  /** An event on its own, as {@link MinuteCombiner} sends those of a window already due. */
  private void send(LogEvent e) throws Exception {
    harness.processElement(new StreamRecord<>(WindowInput.of(e), e.epochMillis()));
  }

  private List<LogWindow> rows() {
    return harness.extractOutputValues();
  }

  private List<LogEvent> tooLate() {
    var late = harness.getSideOutput(WindowAggregation.TOO_LATE);
    return late == null ? List.of() : late.stream().map(r -> r.getValue().event()).toList();
  }

  @Test
  void onTimeWindowEmitsOneRowWithTotalsAndPercentiles() throws Exception {
    open();
    harness.setProcessingTime(1_000);
    for (int i = 1; i <= 100; i++) {
      send(event("p1", "api", Level.INFO, T0 + i * 100, (double) i));
    }
    send(event("p1", "api", Level.INFO, T0 + 30_000, null)); // no duration: counted, no latency
    harness.processWatermark(new Watermark(T0 + MINUTE - 2));
    assertThat(rows()).isEmpty();

    harness.processWatermark(new Watermark(T0 + MINUTE - 1));
    assertThat(rows())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.project()).isEqualTo("p1");
              assertThat(row.service()).isEqualTo("api");
              assertThat(row.level()).isEqualTo(Level.INFO);
              assertThat(row.windowStartMillis()).isEqualTo(T0);
              assertThat(row.events()).isEqualTo(101);
              assertThat(row.errors()).isZero();
              assertThat(row.latencyCount()).isEqualTo(100);
              assertThat(row.latencySum()).isEqualTo(5050);
              assertThat(row.latencyMin()).isEqualTo(1);
              assertThat(row.latencyMax()).isEqualTo(100);
              assertThat(row.latencyP50())
                  .isCloseTo(50, org.assertj.core.data.Percentage.withPercentage(1));
              assertThat(row.latencyP95())
                  .isCloseTo(95, org.assertj.core.data.Percentage.withPercentage(1));
              assertThat(row.latencyP99())
                  .isCloseTo(99, org.assertj.core.data.Percentage.withPercentage(1));
              assertThat(row.latencyBucketCounts()).hasSameSizeAs(row.latencyBucketIds());
              assertThat(java.util.Arrays.stream(row.latencyBucketCounts()).sum()).isEqualTo(100);
              assertThat(row.version()).isEqualTo(1_000_000L);
            });
  }

  @Test
  void lateEventWithinLatenessEmitsTheFullRowAgainWithAHigherVersion() throws Exception {
    open();
    harness.setProcessingTime(1_000);
    send(event("p1", "api", Level.ERROR, T0 + 5_000, 10.0));
    send(event("p1", "api", Level.ERROR, T0 + 6_000, 20.0));
    harness.processWatermark(new Watermark(T0 + 3 * MINUTE));
    assertThat(rows()).hasSize(1);

    // Late, same processing millisecond: the version still goes up.
    send(event("p1", "api", Level.ERROR, T0 + 59_999, 30.0));
    // Late again, later processing time: the version jumps to the clock.
    harness.setProcessingTime(5_000);
    send(event("p1", "api", Level.ERROR, T0, 40.0));

    List<LogWindow> rows = rows();
    assertThat(rows).hasSize(3);
    assertThat(rows).extracting(LogWindow::windowStartMillis).containsOnly(T0);
    assertThat(rows).extracting(LogWindow::events).containsExactly(2L, 3L, 4L);
    assertThat(rows).extracting(LogWindow::errors).containsExactly(2L, 3L, 4L);
    assertThat(rows).extracting(LogWindow::latencySum).containsExactly(30.0, 60.0, 100.0);
    assertThat(rows)
        .extracting(LogWindow::version)
        .containsExactly(1_000_000L, 1_000_001L, 5_000_000L);
    assertThat(rows.get(2).latencyMin()).isEqualTo(10);
    assertThat(rows.get(2).latencyMax()).isEqualTo(40);
    assertThat(tooLate()).isEmpty();
  }

  @Test
  void eventsLaterThanTheAllowedLatenessGoToTheSideOutputAndStateIsCleaned() throws Exception {
    open();
    harness.setProcessingTime(1_000);
    send(event("p1", "api", Level.INFO, T0 + 1_000, 5.0));
    send(event("p2", "web", Level.WARN, T0 + 2_000, null));
    harness.processWatermark(new Watermark(T0 + MINUTE - 1));
    assertThat(rows()).hasSize(2);
    assertThat(harness.numKeyedStateEntries()).isPositive();

    // Lateness ends at window end + 10 min: the cleanup timer removes every trace of the window.
    harness.processWatermark(new Watermark(T0 + MINUTE - 1 + LATENESS.toMillis()));
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();

    LogEvent tooLate = event("p1", "api", Level.INFO, T0 + 30_000, 7.0);
    send(tooLate);
    assertThat(tooLate()).containsExactly(tooLate);
    assertThat(rows()).hasSize(2); // no new row, nothing changed
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void keysAndMinutesAreSeparateWindows() throws Exception {
    open();
    harness.setProcessingTime(1_000);
    send(event("p1", "api", Level.INFO, T0 + 1, 1.0));
    send(event("p1", "api", Level.INFO, T0 + 2, 2.0));
    send(event("p1", "api", Level.ERROR, T0 + 3, 3.0));
    send(event("p1", "web", Level.INFO, T0 + 4, null));
    send(event("p2", "api", Level.INFO, T0 + 5, null));
    send(event("p1", "api", Level.INFO, T0 + MINUTE, 9.0));
    harness.processWatermark(new Watermark(T0 + 2 * MINUTE - 1));

    assertThat(rows())
        .extracting(
            LogWindow::project,
            LogWindow::service,
            LogWindow::level,
            LogWindow::windowStartMillis,
            LogWindow::events,
            LogWindow::latencyCount)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("p1", "api", Level.INFO, T0, 2L, 2L),
            org.assertj.core.groups.Tuple.tuple("p1", "api", Level.ERROR, T0, 1L, 1L),
            org.assertj.core.groups.Tuple.tuple("p1", "web", Level.INFO, T0, 1L, 0L),
            org.assertj.core.groups.Tuple.tuple("p2", "api", Level.INFO, T0, 1L, 0L),
            org.assertj.core.groups.Tuple.tuple("p1", "api", Level.INFO, T0 + MINUTE, 1L, 1L));
  }

  @Test
  void afterARestoreALateUpdateCarriesEveryEventAndOutranksEarlierRows() throws Exception {
    open();
    harness.setProcessingTime(1_000);
    send(event("p1", "api", Level.INFO, T0 + 1_000, 1.0));
    send(event("p1", "api", Level.INFO, T0 + 2_000, 2.0));
    harness.processWatermark(new Watermark(T0 + MINUTE));
    send(event("p1", "api", Level.INFO, T0 + 3_000, 3.0)); // late update before the checkpoint
    OperatorSubtaskState snapshot = harness.snapshot(1L, 2_000);
    send(event("p1", "api", Level.INFO, T0 + 4_000, 4.0)); // after it: lost with the failure
    LogWindow beforeFailure = rows().get(rows().size() - 1);
    harness.close();

    harness = newHarness();
    harness.setup();
    harness.initializeState(snapshot);
    harness.open();
    harness.setProcessingTime(9_000); // restarted later
    harness.processWatermark(new Watermark(T0 + MINUTE));
    send(event("p1", "api", Level.INFO, T0 + 4_000, 4.0)); // replayed from Kafka

    LogWindow replayed = rows().get(rows().size() - 1);
    assertThat(replayed.events()).isEqualTo(4);
    assertThat(replayed.latencySum()).isEqualTo(10.0);
    assertThat(replayed.withVersion(0)).isEqualTo(beforeFailure.withVersion(0));
    assertThat(replayed.version()).isGreaterThan(beforeFailure.version());
  }

  @Test
  void versionsIncreaseStrictly() {
    assertThat(EmitWindowRow.nextVersion(null, 0)).isEqualTo(1);
    assertThat(EmitWindowRow.nextVersion(null, 7)).isEqualTo(7_000);
    assertThat(EmitWindowRow.nextVersion(7_000L, 7)).isEqualTo(7_001);
    assertThat(EmitWindowRow.nextVersion(7_001L, 5)).isEqualTo(7_002); // clock stepped back
    assertThat(EmitWindowRow.nextVersion(7_002L, 8)).isEqualTo(8_000);
  }
}
