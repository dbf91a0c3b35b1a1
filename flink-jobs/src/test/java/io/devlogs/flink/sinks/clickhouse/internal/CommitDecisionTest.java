package io.devlogs.flink.sinks.clickhouse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.sinks.clickhouse.internal.CommitDecision.Action;
import io.devlogs.flink.sinks.clickhouse.internal.CommitDecision.MarkerState;
import io.devlogs.flink.sinks.clickhouse.internal.CommitDecision.Recovery;
import org.junit.jupiter.api.Test;

class CommitDecisionTest {

  @Test
  void markerStatesFromMarkerRows() {
    assertThat(MarkerState.of(false, false)).isEqualTo(MarkerState.NONE);
    assertThat(MarkerState.of(true, false)).isEqualTo(MarkerState.INTENT);
    assertThat(MarkerState.of(true, true)).isEqualTo(MarkerState.DONE);
    // 'done' wins even if the 'intent' row was lost: done is written only after the copy.
    assertThat(MarkerState.of(false, true)).isEqualTo(MarkerState.DONE);
  }

  @Test
  void doneIsSkippedNeverCopiedTwice() {
    assertThat(CommitDecision.action(MarkerState.DONE)).isEqualTo(Action.SKIP);
  }

  @Test
  void noMarkerIsTheNormalPathThatNeverReadsTheTarget() {
    assertThat(CommitDecision.action(MarkerState.NONE)).isEqualTo(Action.COPY);
  }

  @Test
  void intentWithoutDoneChecksTheTargetFirst() {
    assertThat(CommitDecision.action(MarkerState.INTENT)).isEqualTo(Action.CHECK_TARGET);
  }

  @Test
  void interruptedAttemptIsResolvedByWhatTheTargetHolds() {
    assertThat(CommitDecision.recover(500, 0)).isEqualTo(Recovery.COPY_ALL);
    assertThat(CommitDecision.recover(500, 500)).isEqualTo(Recovery.MARK_DONE);
    assertThat(CommitDecision.recover(500, 200)).isEqualTo(Recovery.COPY_MISSING);
    // More than expected cannot come from this sink's copies; never copy on top of it.
    assertThat(CommitDecision.recover(500, 501)).isEqualTo(Recovery.MARK_DONE);
    assertThat(CommitDecision.recover(0, 0)).isEqualTo(Recovery.MARK_DONE);
  }
}
