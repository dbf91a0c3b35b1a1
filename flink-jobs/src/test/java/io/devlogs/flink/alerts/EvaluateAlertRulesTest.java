package io.devlogs.flink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.alerts.AlertRule;
import io.devlogs.alerts.AlertSilence;
import io.devlogs.alerts.AlertState;
import io.devlogs.alerts.AlertTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One rule's alert, decided on processing time that the test moves. */
class EvaluateAlertRulesTest {

  private static final String PROJECT = "p_1";
  private static final String ID = "0b7c3a52-4a8e-4c9d-9f0e-1d2c3b4a5f60";
  private static final String KEY = RuleKeys.of(PROJECT, ID);
  private static final long T0 = 1_700_000_000_000L;

  private KeyedOneInputStreamOperatorTestHarness<String, AlertInput, AlertTransition> harness;
  private int eventNumber;

  @BeforeEach
  void open() throws Exception {
    harness = harness(null);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  /** The evaluator in a keyed harness, restored from {@code restored} unless null, opened. */
  static KeyedOneInputStreamOperatorTestHarness<String, AlertInput, AlertTransition> harness(
      OperatorSubtaskState restored) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, AlertInput, AlertTransition> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new EvaluateAlertRules()),
            new AlertInput.ByRule(),
            Types.STRING);
    // The job's serializer of transitions (the harness would copy its output with Kryo).
    h.setup(AlertTransitionType.INFO.createSerializer(new ExecutionConfig().getSerializerConfig()));
    if (restored != null) {
      h.initializeState(restored);
    }
    h.open();
    return h;
  }

  static AlertRule rule(String kind, String definition, int forSeconds, long version) {
    return AlertRule.parse(
        PROJECT,
        ID,
        "declines",
        kind,
        definition,
        forSeconds,
        "critical",
        "{\"team\":\"pay\"}",
        "",
        true,
        version);
  }

  private static AlertRule countAbove(
      int threshold, int windowSeconds, int forSeconds, long version) {
    return rule(
        "match_count",
        "{\"window_seconds\": "
            + windowSeconds
            + ", \"op\": \">\", \"threshold\": "
            + threshold
            + "}",
        forSeconds,
        version);
  }

  private void load(AlertRule rule, AlertSilence... silences) throws Exception {
    harness.processElement(
        AlertInput.rule(KEY, new LoadedRule(rule, List.of(silences)).toJson()),
        harness.getProcessingTime());
  }

  private void at(long millis) throws Exception {
    harness.setProcessingTime(millis);
  }

  private String event(long version, boolean error) throws Exception {
    String id = "e-" + ++eventNumber;
    long now = harness.getProcessingTime();
    harness.processElement(AlertInput.event(KEY, version, id, now - 50, now, error, "pay"), now);
    return id;
  }

  private List<AlertTransition> out() {
    return new ArrayList<>(harness.extractOutputValues());
  }

  @Test
  void countAboveThresholdFiresOnTheCrossingEventAndResolvesWhenTheWindowPasses() throws Exception {
    at(T0);
    load(countAbove(2, 10, 0, 1));
    at(T0 + 1_000);
    event(1, false);
    event(1, false);
    assertThat(out()).isEmpty();
    String crossing = event(1, false);

    assertThat(out())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.state()).isEqualTo(AlertState.FIRING);
              assertThat(t.previousState()).isEqualTo(AlertState.RESOLVED);
              assertThat(t.value()).isEqualTo(3);
              assertThat(t.triggerEventId()).isEqualTo(crossing);
              assertThat(t.at()).isEqualTo(Instant.ofEpochMilli(T0 + 1_000));
              assertThat(t.idempotencyKey())
                  .isEqualTo(PROJECT + "/" + ID + "/" + t.fingerprint() + "/1");
              assertThat(t.silenced()).isFalse();
              assertThat(t.summary()).isEqualTo("declines: 3 matching events in 10s (> 2)");
            });

    event(1, false); // still firing: nothing new
    at(T0 + 10_999);
    assertThat(out()).hasSize(1);
    at(T0 + 11_000); // the events' second leaves the window
    assertThat(out())
        .hasSize(2)
        .last()
        .satisfies(
            t -> {
              assertThat(t.state()).isEqualTo(AlertState.RESOLVED);
              assertThat(t.previousState()).isEqualTo(AlertState.FIRING);
              assertThat(t.value()).isZero();
              assertThat(t.triggerEventId()).isNull();
              assertThat(t.idempotencyKey()).endsWith("/2");
            });
  }

  @Test
  void forKeepsTheAlertPendingThenFiresWithTheEventThatStartedIt() throws Exception {
    at(T0);
    load(countAbove(0, 60, 5, 1));
    at(T0 + 500);
    String first = event(1, false);
    assertThat(out())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.state()).isEqualTo(AlertState.PENDING);
              assertThat(t.triggerEventId()).isEqualTo(first);
            });
    at(T0 + 5_999);
    assertThat(out()).hasSize(1);
    at(T0 + 6_000);
    assertThat(out())
        .hasSize(2)
        .last()
        .satisfies(
            t -> {
              assertThat(t.state()).isEqualTo(AlertState.FIRING);
              assertThat(t.previousState()).isEqualTo(AlertState.PENDING);
              assertThat(t.triggerEventId()).isEqualTo(first);
            });
  }

  @Test
  void aPendingAlertWhoseConditionStopsIsResolvedWithoutFiring() throws Exception {
    at(T0);
    load(countAbove(0, 2, 30, 1));
    event(1, false);
    at(T0 + 2_000);
    assertThat(out())
        .extracting(t -> t.previousState() + ">" + t.state())
        .containsExactly("RESOLVED>PENDING", "PENDING>RESOLVED");
  }

  @Test
  void aSilenceLabelsTheTransitionsButTheyAreStillEmitted() throws Exception {
    at(T0);
    AlertSilence silence =
        new AlertSilence(
            PROJECT,
            "s-1",
            Optional.of(ID),
            Map.of("team", "pay"),
            Instant.ofEpochMilli(T0),
            Instant.ofEpochMilli(T0 + 5_000));
    load(countAbove(0, 6, 0, 1), silence);
    event(1, false);
    at(T0 + 6_000); // resolved after the silence ended: notified
    assertThat(out())
        .extracting(t -> t.state() + ":" + t.silenced())
        .containsExactly("FIRING:true", "RESOLVED:false");
  }

  @Test
  void aNewVersionResolvesTheOpenAlertAndStartsAfresh() throws Exception {
    at(T0);
    load(countAbove(1, 60, 0, 1));
    event(1, false);
    event(1, false);
    assertThat(out()).extracting(AlertTransition::state).containsExactly(AlertState.FIRING);

    at(T0 + 1_000);
    load(countAbove(2, 60, 0, 2));
    event(1, false); // matched by the old version on its way: not counted
    event(2, false);
    event(2, false);
    assertThat(out())
        .extracting(t -> t.ruleVersion() + ":" + t.state())
        .containsExactly("1:FIRING", "1:RESOLVED");
    event(2, false);
    assertThat(out())
        .extracting(t -> t.ruleVersion() + ":" + t.state())
        .containsExactly("1:FIRING", "1:RESOLVED", "2:FIRING");
    assertThat(out()).extracting(AlertTransition::idempotencyKey).doesNotHaveDuplicates();
  }

  @Test
  void theSameRuleTextAgainChangesNothing() throws Exception {
    at(T0);
    AlertRule rule = countAbove(1, 60, 0, 1);
    load(rule);
    event(1, false);
    event(1, false);
    load(rule);
    event(1, false);
    assertThat(out()).hasSize(1);
  }

  @Test
  void aRemovedRuleResolvesItsAlertAndKeepsOnlyItsCounter() throws Exception {
    at(T0);
    load(countAbove(0, 60, 0, 1));
    event(1, false);
    harness.processElement(AlertInput.removed(KEY), T0);
    assertThat(out())
        .extracting(AlertTransition::state)
        .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
    assertThat(harness.numKeyedStateEntries()).as("only the transition counter").isEqualTo(1);

    at(T0 + 1_000);
    load(countAbove(0, 60, 0, 1)); // enabled again: its keys go on from 3
    event(1, false);
    assertThat(out()).last().satisfies(t -> assertThat(t.idempotencyKey()).endsWith("/3"));
    at(T0 + 120_000); // the old timers run out on the new state without harm
    assertThat(out()).hasSize(4);
  }

  @Test
  void absenceFiresAWindowAfterLoadingAndResolvesOnTheNextEvent() throws Exception {
    at(T0);
    load(rule("absence", "{\"filter\": {\"service\": \"cron\"}, \"window_seconds\": 10}", 0, 1));
    at(T0 + 9_999);
    assertThat(out()).isEmpty();
    at(T0 + 10_000);
    assertThat(out())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.state()).isEqualTo(AlertState.FIRING);
              assertThat(t.value()).isEqualTo(10);
              assertThat(t.threshold()).isEqualTo(10);
              assertThat(t.triggerEventId()).isNull();
            });
    at(T0 + 12_000);
    event(1, false);
    at(T0 + 21_999);
    assertThat(out())
        .extracting(AlertTransition::state)
        .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
    at(T0 + 22_000); // silent for a window again
    assertThat(out())
        .extracting(AlertTransition::state)
        .containsExactly(AlertState.FIRING, AlertState.RESOLVED, AlertState.FIRING);
  }

  @Test
  void errorRateComparesErrorsWithAllMatchingEvents() throws Exception {
    at(T0);
    load(rule("error_rate", "{\"window_seconds\": 60, \"op\": \">\", \"threshold\": 0.5}", 0, 1));
    event(1, false);
    event(1, true);
    assertThat(out()).as("1 of 2 is not above 0.5").isEmpty();
    event(1, true);
    assertThat(out())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.state()).isEqualTo(AlertState.FIRING);
              assertThat(t.value()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
            });
  }

  @Test
  void aCountBelowThresholdWaitsForAWholeWindowAfterLoading() throws Exception {
    at(T0);
    load(rule("match_count", "{\"window_seconds\": 5, \"op\": \"<\", \"threshold\": 2}", 0, 1));
    assertThat(out()).isEmpty();
    at(T0 + 5_000);
    assertThat(out()).extracting(AlertTransition::state).containsExactly(AlertState.FIRING);
  }

  @Test
  void aRestoredSnapshotKeepsTheFiringAlertItsCountsAndItsKeys() throws Exception {
    at(T0);
    load(countAbove(1, 10, 0, 1));
    event(1, false);
    event(1, false);
    assertThat(out()).hasSize(1);
    OperatorSubtaskState snapshot = harness.snapshot(1, T0);
    harness.close();

    harness = harness(snapshot);
    harness.setProcessingTime(T0 + 500);
    event(1, false); // still firing after the restore: nothing
    assertThat(out()).isEmpty();
    harness.setProcessingTime(T0 + 10_000);
    assertThat(out())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.state()).isEqualTo(AlertState.RESOLVED);
              assertThat(t.previousState()).isEqualTo(AlertState.FIRING);
              assertThat(t.idempotencyKey()).endsWith("/2");
            });
  }

  private void timed(long version, double millis) throws Exception {
    String id = "e-" + ++eventNumber;
    long now = harness.getProcessingTime();
    harness.processElement(
        AlertInput.event(KEY, version, id, now - 50, now, false, "pay").withDuration(millis), now);
  }

  private void patterned(long version, String pattern, String message) throws Exception {
    String id = "e-" + ++eventNumber;
    long now = harness.getProcessingTime();
    harness.processElement(
        AlertInput.event(KEY, version, id, now - 50, now, false, "pay")
            .withPattern(pattern, message),
        now);
  }

  @Test
  void aLatencyPercentileFiresOnTheNextSecondAndResolvesWhenSlowDurationsLeaveTheWindow()
      throws Exception {
    at(T0);
    load(
        rule(
            "latency_percentile",
            "{\"filter\": {\"service\": \"pay\"}, \"window_seconds\": 10, \"percentile\":"
                + " 0.9, \"op\": \">\", \"threshold\": 500}",
            0,
            1));
    at(T0 + 200);
    for (int i = 0; i < 9; i++) {
      timed(1, 20);
    }
    timed(1, 900); // p90 of ten is the 9th: still 20 ms
    at(T0 + 1_000);
    assertThat(out()).as("p90 20 ms").isEmpty();
    at(T0 + 1_300);
    timed(1, 800);
    timed(1, 700); // 12 durations, rank 11: 800 ms
    assertThat(out()).as("read on the next whole second, not per event").isEmpty();
    at(T0 + 2_000);
    assertThat(out())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.state()).isEqualTo(AlertState.FIRING);
              assertThat(t.value())
                  .isCloseTo(800, org.assertj.core.data.Percentage.withPercentage(1));
              assertThat(t.summary()).startsWith("declines: p90 latency 8");
            });
    at(T0 + 11_000); // the second holding 800 and 700 ms left the window; only 20 ms is left
    assertThat(out())
        .extracting(AlertTransition::state)
        .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
    at(T0 + 30_000);
    assertThat(harness.numKeyedStateEntries())
        .as("every second's buckets taken out with the window")
        .isLessThanOrEqualTo(8);
  }

  @Test
  void aLatencyRuleWithoutDurationsHasNoValueAndNeverFires() throws Exception {
    at(T0);
    load(
        rule(
            "latency_percentile",
            "{\"window_seconds\": 10, \"percentile\": 0.5, \"op\": \"<\", \"threshold\": 5}",
            0,
            1));
    at(T0 + 20_000);
    assertThat(out()).as("below 5 ms would hold for 0, but no duration is no value").isEmpty();
  }

  @Test
  void aNewPatternFiresOnceAfterTheLearningWindowAndResolvesAWindowLater() throws Exception {
    at(T0);
    load(rule("new_pattern", "{\"window_seconds\": 60}", 0, 1));
    at(T0 + 1_000);
    patterned(1, "p-old", "user 1 logged in");
    at(T0 + 59_000);
    patterned(1, "p-old", "user 2 logged in");
    assertThat(out()).as("the first window learns").isEmpty();
    at(T0 + 61_000);
    patterned(1, "p-old", "user 3 logged in");
    patterned(1, "p-new", "disk full on /var");
    patterned(1, "p-new", "disk full on /tmp");
    at(T0 + 62_000);
    patterned(1, "p-other", "cache miss storm");
    List<AlertTransition> fired = out();
    assertThat(fired)
        .extracting(AlertTransition::state)
        .containsExactly(AlertState.FIRING, AlertState.FIRING);
    AlertTransition first = fired.get(0);
    assertThat(first.labels()).containsEntry("pattern", "p-new").containsEntry("team", "pay");
    assertThat(first.summary()).isEqualTo("declines: a new log pattern in pay: disk full on /var");
    assertThat(first.fingerprint())
        .as("each pattern is its own alert")
        .isNotEqualTo(fired.get(1).fingerprint())
        .isNotEqualTo(rule("new_pattern", "{\"window_seconds\": 60}", 0, 1).fingerprint());

    at(T0 + 121_000);
    assertThat(out())
        .extracting(t -> t.state().wireName() + " " + t.labels().get("pattern"))
        .containsExactly("firing p-new", "firing p-other", "resolved p-new");
    AlertTransition resolved = out().get(2);
    assertThat(resolved.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(resolved.summary()).isEqualTo(first.summary());
    patterned(1, "p-new", "disk full on /home");
    at(T0 + 200_000);
    assertThat(out())
        .as("a known pattern never fires again")
        .extracting(t -> t.state().wireName() + " " + t.labels().get("pattern"))
        .containsExactly("firing p-new", "firing p-other", "resolved p-new", "resolved p-other");
  }

  @Test
  void aNewPatternRuleForgetsTheLeastRecentlySeenPatternsBeyondItsBound() throws Exception {
    at(T0);
    load(rule("new_pattern", "{\"window_seconds\": 3600}", 0, 1));
    at(T0 + 1_000);
    patterned(1, "p-old", "seen once, long ago");
    patterned(1, "p-kept", "seen then, and again later");
    at(T0 + 2_000);
    for (int i = 0; i < EvaluateAlertRules.MAX_KNOWN_PATTERNS - 2; i++) {
      patterned(1, "p-" + i, "one of many");
    }
    at(T0 + 70_000);
    patterned(1, "p-kept", "seen again: its sighting is refreshed");
    at(T0 + 80_000);
    patterned(1, "p-overflow", "one more than the bound");
    assertThat(out()).as("all within the learning window").isEmpty();

    at(T0 + 3_700_000);
    patterned(1, "p-kept", "still known");
    patterned(1, "p-overflow", "still known");
    patterned(1, "p-old", "forgotten: new again");
    assertThat(out())
        .extracting(t -> t.state().wireName() + " " + t.labels().get("pattern"))
        .containsExactly("firing p-old");
  }

  @Test
  void aNewPatternRuleRemovedResolvesItsOpenPatternAlerts() throws Exception {
    at(T0);
    load(rule("new_pattern", "{\"window_seconds\": 10}", 0, 1));
    at(T0 + 11_000);
    patterned(1, "p-new", "disk full");
    harness.processElement(AlertInput.removed(KEY), harness.getProcessingTime());
    assertThat(out())
        .extracting(t -> t.state().wireName() + " " + t.labels().get("pattern"))
        .containsExactly("firing p-new", "resolved p-new");
    assertThat(out()).extracting(AlertTransition::idempotencyKey).doesNotHaveDuplicates();
  }
}
