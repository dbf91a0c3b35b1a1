package io.devlogs.flink.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicateEventsTest {

  private static final Duration WINDOW = Duration.ofMinutes(10);

  private KeyedOneInputStreamOperatorTestHarness<String, LogEvent, LogEvent> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DeduplicateEvents(WINDOW)),
            DeduplicateEvents.key(),
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private static LogEvent event(String project, String id, String message) {
    return new LogEvent(project, id, 0L, Level.INFO, "svc", "s", message, Map.of(), 0L);
  }

  private void send(LogEvent e) throws Exception {
    harness.processElement(new StreamRecord<>(e));
  }

  @Test
  void aRepeatedEventIdOfAProjectPassesOnceWithinTheWindow() throws Exception {
    harness.setStateTtlProcessingTime(0);
    send(event("p_a", "e1", "first"));
    send(event("p_a", "e1", "retry"));
    send(event("p_b", "e1", "other project"));
    send(event("p_a", "e2", "other id"));
    harness.setStateTtlProcessingTime(WINDOW.toMillis() - 1);
    send(event("p_a", "e1", "late retry"));

    assertThat(harness.extractOutputValues())
        .extracting(LogEvent::message)
        .containsExactly("first", "other project", "other id");
  }

  @Test
  void anIdIsForgottenAfterTheWindowSoStateStaysBounded() throws Exception {
    harness.setStateTtlProcessingTime(0);
    send(event("p_a", "e1", "first"));
    harness.setStateTtlProcessingTime(WINDOW.toMillis() + 1);
    send(event("p_a", "e1", "after the window"));

    assertThat(harness.extractOutputValues())
        .extracting(LogEvent::message)
        .containsExactly("first", "after the window");
  }

  @Test
  void theStateSurvivesACheckpointAndRestore() throws Exception {
    harness.setStateTtlProcessingTime(0);
    send(event("p_a", "e1", "first"));
    var snapshot = harness.snapshot(1L, 1L);
    harness.close();

    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DeduplicateEvents(WINDOW)),
            DeduplicateEvents.key(),
            Types.STRING);
    harness.setup();
    harness.initializeState(snapshot);
    harness.open();
    harness.setStateTtlProcessingTime(1);
    send(event("p_a", "e1", "replayed"));
    send(event("p_a", "e3", "new"));

    assertThat(harness.extractOutputValues()).extracting(LogEvent::message).containsExactly("new");
  }
}
