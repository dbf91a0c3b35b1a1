package io.devlogs.flink.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MinePatternsTest {

  private KeyedOneInputStreamOperatorTestHarness<String, LogEvent, LogEvent> harness;

  private static KeyedOneInputStreamOperatorTestHarness<String, LogEvent, LogEvent> harness(
      PatternOptions options, OperatorSubtaskState restoreFrom) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new MinePatterns(options)),
            PatternMining.project(),
            Types.STRING);
    if (restoreFrom != null) {
      h.initializeState(restoreFrom);
    }
    h.open();
    return h;
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private static LogEvent event(String project, String message) {
    return new LogEvent(
        project, "e", 60_000L * 1_000_000L, Level.INFO, "svc", "s", message, Map.of(), 0L);
  }

  private void send(LogEvent e) throws Exception {
    harness.processElement(new StreamRecord<>(e));
  }

  private List<String> patternIds() {
    return harness.extractOutputValues().stream().map(LogEvent::patternId).toList();
  }

  @Test
  void everyEventCarriesItsProjectsPatternAndChangesGoToTheSideOutput() throws Exception {
    harness = harness(PatternOptions.defaults(), null);
    send(event("p_a", "user 1 logged in"));
    send(event("p_a", "user 2 logged in"));
    send(event("p_b", "user 1 logged in"));
    send(event("p_a", "cache flushed"));

    List<String> ids = patternIds();
    assertThat(ids.get(0)).isNotEmpty().isEqualTo(ids.get(1));
    assertThat(ids.get(2)).as("another project's pattern").isNotEqualTo(ids.get(0));
    assertThat(ids.get(3)).isNotEqualTo(ids.get(0));
    assertThat(harness.getSideOutput(MinePatterns.CHANGES))
        .extracting(r -> r.getValue().project() + " " + r.getValue().template())
        .containsExactly("p_a user <*> logged in", "p_b user <*> logged in", "p_a cache flushed");
    assertThat(harness.getSideOutput(MinePatterns.CHANGES).peek().getValue().firstSeenMillis())
        .isEqualTo(60_000L);
  }

  @Test
  void patternsSurviveASnapshotAndRestore() throws Exception {
    harness = harness(PatternOptions.defaults(), null);
    send(event("p_a", "job finished: alpha in 3 s"));
    send(event("p_a", "job finished: beta in 5 s"));
    String id = patternIds().get(0);
    OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
    harness.close();

    harness = harness(PatternOptions.defaults(), snapshot);
    send(event("p_a", "job finished: gamma in 9 s"));

    assertThat(patternIds()).containsExactly(id);
    assertThat(harness.getSideOutput(MinePatterns.CHANGES))
        .as("the restored template already covers it")
        .isNull();
  }

  @Test
  void evictionsBeyondTheBoundLeaveStateBounded() throws Exception {
    harness = harness(new PatternOptions(2, 64, 0.5, 4, 100), null);
    send(event("p_a", "first shape"));
    send(event("p_a", "second shape of line"));
    send(event("p_a", "third and quite different shape"));
    OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
    harness.close();

    harness = harness(new PatternOptions(2, 64, 0.5, 4, 100), snapshot);
    harness.setProcessingTime(10);
    send(event("p_a", "second shape of line"));
    send(event("p_a", "third and quite different shape"));
    send(event("p_a", "first shape"));

    assertThat(harness.getSideOutput(MinePatterns.CHANGES))
        .as("only the evicted first shape is new again")
        .extracting(r -> r.getValue().template())
        .containsExactly("first shape");
  }
}
