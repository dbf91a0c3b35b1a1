package io.devlogs.flink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.alerts.AlertRule;
import io.devlogs.alerts.AlertState;
import io.devlogs.alerts.AlertTransition;
import io.devlogs.flink.recording.GroupStats;
import io.devlogs.flink.recording.RecordedMinute;
import io.devlogs.recording.RecordingAggregation;
import io.devlogs.recording.RecordingRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code derived_metric} alert rules: the recorded minutes of a recording rule matched to the rules
 * that watch them ({@link MatchDerivedMetricRules}) and decided by {@link EvaluateAlertRules} on
 * processing time that the test moves.
 */
class DerivedMetricAlertsTest {

  private static final String PROJECT = "p_1";
  private static final String ID = "0b7c3a52-4a8e-4c9d-9f0e-1d2c3b4a5f60";
  private static final String METRIC = "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";
  private static final String KEY = RuleKeys.of(PROJECT, ID);
  private static final long T0 = 1_700_000_000_000L;
  private static final long M0 = 1_699_999_800_000L; // a minute start

  private KeyedOneInputStreamOperatorTestHarness<String, AlertInput, AlertTransition> harness;

  @BeforeEach
  void open() throws Exception {
    harness = harness(null);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, AlertInput, AlertTransition>
      harness(OperatorSubtaskState restored) throws Exception {
    return EvaluateAlertRulesTest.harness(restored);
  }

  static AlertRule derived(String project, String params, int forSeconds, long version) {
    return AlertRule.parse(
        project,
        ID,
        "checkout",
        "derived_metric",
        "{\"recording_rule_id\": \"" + METRIC + "\", " + params + "}",
        forSeconds,
        "warning",
        "{}",
        "",
        true,
        version);
  }

  static RecordingRule recording(String project, String aggregation, long version) {
    return RecordingRule.parse(
        project,
        METRIC,
        "checkout ms",
        "{\"aggregation\": \""
            + aggregation
            + "\", "
            + (aggregation.equals("count") ? "" : "\"field\": \"ms\", ")
            + "\"group_by\": [\"service\"]}",
        true,
        version);
  }

  private void load(AlertRule rule, RecordingRule recording) throws Exception {
    harness.processElement(
        AlertInput.rule(
            KEY, new LoadedRule(rule, List.of(), Optional.ofNullable(recording)).toJson()),
        harness.getProcessingTime());
  }

  private void at(long millis) throws Exception {
    harness.setProcessingTime(millis);
  }

  /** A row of {@code events} events of service {@code service}, each with the value {@code ms}. */
  static RecordedMinute row(
      long minute, String service, boolean other, int events, double ms, long version) {
    GroupStats stats = new GroupStats();
    for (int i = 0; i < events; i++) {
      stats.add(ms);
    }
    return RecordedMinute.of(
        PROJECT,
        METRIC,
        minute,
        other ? "{}" : "{\"service\":\"" + service + "\"}",
        other,
        stats,
        version);
  }

  /** The minute rows as the matcher sends them on to the rule's evaluation. */
  private void minutes(AlertRule rule, RecordedMinute... rows) throws Exception {
    MatchDerivedMetricRules matcher = new MatchDerivedMetricRules();
    List<AlertInput> inputs = new ArrayList<>();
    for (RecordedMinute r : rows) {
      matcher.match(r, List.of(rule), collector(inputs));
    }
    for (AlertInput input : inputs) {
      harness.processElement(input, harness.getProcessingTime());
    }
  }

  private static Collector<AlertInput> collector(List<AlertInput> into) {
    return new Collector<>() {
      @Override
      public void collect(AlertInput record) {
        into.add(record);
      }

      @Override
      public void close() {}
    };
  }

  private List<AlertTransition> out() {
    return new ArrayList<>(harness.extractOutputValues());
  }

  @Test
  void aSumOfMinuteCountsFiresWhenAMinuteCrossesAndResolvesWhenItLeavesTheWindow()
      throws Exception {
    AlertRule rule =
        derived(
            PROJECT,
            "\"over\": \"sum\", \"window_seconds\": 120, \"op\": \">\", \"threshold\": 10",
            0,
            1);
    at(T0);
    load(rule, recording(PROJECT, "count", 1));
    minutes(rule, row(M0, "pay", false, 6, 1, 1));
    assertThat(out()).isEmpty();

    at(T0 + 1_000);
    minutes(rule, row(M0 + 60_000, "pay", false, 5, 1, 1));
    assertThat(out())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.state()).isEqualTo(AlertState.FIRING);
              assertThat(t.value()).isEqualTo(11);
              assertThat(t.threshold()).isEqualTo(10);
              assertThat(t.triggerEventId()).isNull();
              assertThat(t.triggerEventTime()).isEqualTo(Instant.ofEpochMilli(M0 + 60_000));
              assertThat(t.summary())
                  .isEqualTo("checkout: sum of the derived metric 11 over 2m (> 10)");
            });

    at(T0 + 2_000);
    minutes(rule, row(M0 + 120_000, "pay", false, 1, 1, 1)); // M0 leaves: 5 + 1
    assertThat(out())
        .hasSize(2)
        .last()
        .satisfies(
            t -> {
              assertThat(t.state()).isEqualTo(AlertState.RESOLVED);
              assertThat(t.value()).isEqualTo(6);
            });
  }

  @Test
  void aRefiredMinuteReplacesItsEarlierFiringAndAStaleOneIsIgnored() throws Exception {
    AlertRule rule =
        derived(
            PROJECT,
            "\"over\": \"last\", \"window_seconds\": 60, \"op\": \">=\", \"threshold\": 10",
            0,
            1);
    at(T0);
    load(rule, recording(PROJECT, "count", 1));
    minutes(rule, row(M0, "pay", false, 6, 1, 100));
    assertThat(out()).isEmpty();

    // Late events refire the minute with its full count (not the late events alone).
    minutes(rule, row(M0, "pay", false, 10, 1, 101));
    assertThat(out()).singleElement().extracting(AlertTransition::value).isEqualTo(10.0);

    // A row of an older firing arriving after the newer one changes nothing.
    minutes(rule, row(M0, "pay", false, 6, 1, 100));
    assertThat(out()).hasSize(1);

    // A refiring of a minute the window has left is not counted.
    minutes(rule, row(M0 + 60_000, "pay", false, 2, 1, 1));
    assertThat(out())
        .hasSize(2)
        .last()
        .extracting(AlertTransition::state)
        .isEqualTo(AlertState.RESOLVED);
    minutes(rule, row(M0, "pay", false, 50, 1, 102));
    assertThat(out()).hasSize(2);
  }

  @Test
  void aNamedGroupWatchesOnlyItsRowsAndNoGroupAddsUpEveryGroupWithTheOther() throws Exception {
    AlertRule onlyPay =
        derived(
            PROJECT,
            "\"group\": {\"service\": \"pay\"}, \"over\": \"max\", \"window_seconds\": 60, \"op\": \">\", \"threshold\": 4",
            0,
            1);
    at(T0);
    load(onlyPay, recording(PROJECT, "count", 1));
    minutes(
        onlyPay,
        row(M0, "search", false, 9, 1, 1),
        row(M0, "pay", false, 3, 1, 1),
        row(M0, "", true, 7, 1, 1));
    assertThat(out()).isEmpty();

    AlertRule every =
        derived(
            PROJECT,
            "\"over\": \"max\", \"window_seconds\": 60, \"op\": \">\", \"threshold\": 18",
            0,
            2);
    load(every, recording(PROJECT, "count", 1));
    minutes(
        every, row(M0 + 60_000, "search", false, 9, 1, 1), row(M0 + 60_000, "pay", false, 3, 1, 1));
    assertThat(out()).isEmpty(); // 12 so far
    minutes(every, row(M0 + 60_000, "", true, 7, 1, 1));
    assertThat(out()).singleElement().extracting(AlertTransition::value).isEqualTo(19.0);
  }

  @Test
  void aQuantileMetricMergesTheWatchedGroupsHistograms() throws Exception {
    AlertRule rule =
        derived(
            PROJECT,
            "\"over\": \"avg\", \"window_seconds\": 60, \"op\": \">\", \"threshold\": 500",
            0,
            1);
    at(T0);
    load(rule, recording(PROJECT, "p99", 1));
    minutes(rule, row(M0, "pay", false, 98, 10, 1));
    assertThat(out()).isEmpty();
    minutes(rule, row(M0, "search", false, 3, 900, 1)); // 3 of 101 slow: p99 is slow
    assertThat(out()).singleElement().satisfies(t -> assertThat(t.value()).isBetween(891.0, 909.0));
  }

  @Test
  void forKeepsItPendingUntilTheConditionHeldLongEnough() throws Exception {
    AlertRule rule =
        derived(
            PROJECT,
            "\"over\": \"sum\", \"window_seconds\": 300, \"op\": \">\", \"threshold\": 1",
            30,
            1);
    at(T0);
    load(rule, recording(PROJECT, "count", 1));
    minutes(rule, row(M0, "pay", false, 5, 1, 1));
    assertThat(out())
        .singleElement()
        .extracting(AlertTransition::state)
        .isEqualTo(AlertState.PENDING);
    at(T0 + 30_000);
    assertThat(out())
        .hasSize(2)
        .last()
        .extracting(AlertTransition::state)
        .isEqualTo(AlertState.FIRING);
  }

  @Test
  void aMetricThatGoesQuietForAWindowResolves() throws Exception {
    AlertRule rule =
        derived(
            PROJECT,
            "\"over\": \"sum\", \"window_seconds\": 120, \"op\": \">\", \"threshold\": 1",
            0,
            1);
    at(T0);
    load(rule, recording(PROJECT, "count", 1));
    minutes(rule, row(M0, "pay", false, 5, 1, 1));
    assertThat(out()).hasSize(1);
    at(T0 + 119_999);
    assertThat(out()).hasSize(1);
    at(T0 + 120_000);
    assertThat(out())
        .hasSize(2)
        .last()
        .extracting(AlertTransition::state)
        .isEqualTo(AlertState.RESOLVED);
  }

  @Test
  void withoutItsRecordingRuleARuleNeverFires() throws Exception {
    AlertRule rule =
        derived(
            PROJECT,
            "\"over\": \"sum\", \"window_seconds\": 60, \"op\": \">\", \"threshold\": 1",
            0,
            1);
    at(T0);
    load(rule, null);
    minutes(rule, row(M0, "pay", false, 5, 1, 1));
    assertThat(out()).isEmpty();
  }

  @Test
  void anotherProjectsRecordingRuleIsNeverHeld() {
    AlertRule rule =
        derived(
            PROJECT,
            "\"over\": \"sum\", \"window_seconds\": 60, \"op\": \">\", \"threshold\": 1",
            0,
            1);
    LoadedRule loaded =
        new LoadedRule(rule, List.of(), Optional.of(recording("p_other", "count", 1)));
    assertThat(loaded.recording()).isEmpty();
    assertThat(
            LoadedRule.fromJson(
                    new LoadedRule(rule, List.of(), Optional.of(recording(PROJECT, "count", 3)))
                        .toJson())
                .recording())
        .hasValueSatisfying(r -> assertThat(r.version()).isEqualTo(3));
  }

  @Test
  void theMatcherSendsNothingForAnotherRecordingRuleOrKind() throws Exception {
    AlertRule rule =
        derived(
            PROJECT,
            "\"over\": \"sum\", \"window_seconds\": 60, \"op\": \">\", \"threshold\": 1",
            0,
            1);
    RecordedMinute otherMetric =
        new RecordedMinute(
            PROJECT,
            "11111111-2222-4333-8444-555555555555",
            M0,
            "{}",
            false,
            5,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            new int[0],
            new long[0],
            1);
    List<AlertInput> inputs = new ArrayList<>();
    new MatchDerivedMetricRules().match(otherMetric, List.of(rule), collector(inputs));
    new MatchDerivedMetricRules()
        .match(
            row(M0, "pay", false, 1, 1, 1),
            List.of(
                EvaluateAlertRulesTest.rule(
                    "match_count",
                    "{\"window_seconds\": 60, \"op\": \">\", \"threshold\": 1}",
                    0,
                    1)),
            collector(inputs));
    assertThat(inputs).isEmpty();
  }

  @Test
  void aRestoredSnapshotKeepsTheWindowsMinutes() throws Exception {
    AlertRule rule =
        derived(
            PROJECT,
            "\"over\": \"sum\", \"window_seconds\": 120, \"op\": \">\", \"threshold\": 10",
            0,
            1);
    at(T0);
    load(rule, recording(PROJECT, "count", 1));
    minutes(rule, row(M0, "pay", false, 6, 1, 1));
    OperatorSubtaskState snapshot = harness.snapshot(1, T0);
    harness.close();

    harness = harness(snapshot);
    at(T0 + 1_000);
    minutes(rule, row(M0 + 60_000, "pay", false, 5, 1, 1));
    assertThat(out()).singleElement().extracting(AlertTransition::value).isEqualTo(11.0);
  }

  @Test
  void aMinuteReadsBackFromItsStateText() {
    DerivedMinute minute = DerivedMinute.of(row(M0, "pay", false, 4, 250, 7));
    DerivedMinute back = DerivedMinute.decode(minute.encode());
    assertThat(back.version()).isEqualTo(7);
    for (RecordingAggregation a : RecordingAggregation.values()) {
      assertThat(back.value(a)).as(a.wireName()).isEqualTo(minute.value(a));
    }
    assertThat(back.value(RecordingAggregation.COUNT)).isEqualTo(4);
    assertThat(back.value(RecordingAggregation.AVG)).isEqualTo(250);
    assertThat(DerivedMinute.of(row(M0, "pay", false, 0, 0, 1)).value(RecordingAggregation.AVG))
        .isNaN();
  }
}
