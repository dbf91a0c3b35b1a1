package io.devlogs.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.alerts.AlertRule;
import io.devlogs.query.logs.Histogram;
import io.devlogs.query.records.TimeRange;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulePreviewTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final String RULE_ID = "6a1f6f2e-0d3c-4a55-9a43-0f5f1d0b2c11";

  private static AlertRule rule(String kind, String definition, int forSeconds) {
    return AlertRule.parse(
        "p", RULE_ID, "r", kind, definition, forSeconds, "warning", "{}", "", true, 1);
  }

  /** Per-minute counts over [T0, T0 + minutes): events and errors at the given minutes. */
  private static Histogram counts(int minutes, Map<Integer, long[]> at) {
    Map<Long, Histogram.Counts> byStart = new HashMap<>();
    at.forEach(
        (minute, c) ->
            byStart.put(
                T0.plusSeconds(60L * minute).getEpochSecond(), new Histogram.Counts(c[0], c[1])));
    return Histogram.zeroFilled(
        new TimeRange(T0, T0.plusSeconds(60L * minutes)), RulePreview.STEP, byStart);
  }

  @Test
  void matchCountFiresWhenTheWindowSumCrossesAndResolvesWhenItLeavesTheWindow() {
    AlertRule rule =
        rule("match_count", "{\"window_seconds\": 180, \"op\": \">\", \"threshold\": 10}", 0);
    // 6 + 6 events at minutes 10 and 11: the 3-minute window holds 12 at the ends of minutes 11
    // to 12, then 6 at the end of minute 13 (minute 10 left the window).
    Histogram counts = counts(30, Map.of(10, new long[] {6, 0}, 11, new long[] {6, 0}));
    RulePreview.Result result =
        RulePreview.evaluate(rule, counts, T0.plusSeconds(180), T0.plusSeconds(1800));

    assertThat(result.episodes()).hasSize(1);
    RulePreview.Episode episode = result.episodes().get(0);
    assertThat(episode.firedAt()).isEqualTo(T0.plusSeconds(12 * 60));
    assertThat(episode.resolvedAt()).isEqualTo(T0.plusSeconds(14 * 60));
    assertThat(episode.peak()).isEqualTo(12);
    assertThat(result.firingAtEnd()).isFalse();
    assertThat(result.points())
        .allSatisfy(p -> assertThat(p.at()).isAfterOrEqualTo(T0.plusSeconds(180)));
  }

  @Test
  void forKeepsItPendingUntilTheConditionHeldThatLong() {
    AlertRule rule =
        rule("match_count", "{\"window_seconds\": 60, \"op\": \">=\", \"threshold\": 1}", 120);
    Map<Integer, long[]> busy = new HashMap<>();
    for (int m = 5; m < 9; m++) {
      busy.put(m, new long[] {1, 0});
    }
    // One busy minute alone never fires; four in a row fire after 120 s of holding.
    busy.put(20, new long[] {1, 0});
    RulePreview.Result result =
        RulePreview.evaluate(rule, counts(30, busy), T0, T0.plusSeconds(1800));

    assertThat(result.episodes()).hasSize(1);
    assertThat(result.episodes().get(0).pendingAt()).isEqualTo(T0.plusSeconds(6 * 60));
    assertThat(result.episodes().get(0).firedAt()).isEqualTo(T0.plusSeconds(8 * 60));
    assertThat(result.episodes().get(0).resolvedAt()).isEqualTo(T0.plusSeconds(10 * 60));
  }

  @Test
  void errorRateDividesErrorsByMatchesAndNeverFiresOnNoTraffic() {
    AlertRule rule =
        rule("error_rate", "{\"window_seconds\": 60, \"op\": \">\", \"threshold\": 0.5}", 0);
    Histogram counts =
        counts(10, Map.of(2, new long[] {10, 2}, 4, new long[] {10, 8}, 5, new long[] {4, 1}));
    RulePreview.Result result = RulePreview.evaluate(rule, counts, T0, T0.plusSeconds(600));

    assertThat(result.points().get(4).value()).isEqualTo(0.8);
    assertThat(result.points().get(2).value()).isEqualTo(0.2);
    assertThat(result.episodes()).hasSize(1);
    assertThat(result.episodes().get(0).firedAt()).isEqualTo(T0.plusSeconds(5 * 60));
    assertThat(result.episodes().get(0).resolvedAt()).isEqualTo(T0.plusSeconds(6 * 60));
  }

  @Test
  void absenceFiresAfterTheWindowWithoutAnEventAndResolvesOnTheNextOne() {
    AlertRule rule = rule("absence", "{\"window_seconds\": 300}", 0);
    Histogram counts = counts(30, Map.of(0, new long[] {3, 0}, 20, new long[] {1, 0}));
    RulePreview.Result result = RulePreview.evaluate(rule, counts, T0, T0.plusSeconds(1800));

    assertThat(result.episodes()).hasSize(2);
    // Last event in minute 0 (end 1 min); silent 300 s at the end of minute 5.
    assertThat(result.episodes().get(0).firedAt()).isEqualTo(T0.plusSeconds(6 * 60));
    assertThat(result.episodes().get(0).resolvedAt()).isEqualTo(T0.plusSeconds(21 * 60));
    assertThat(result.episodes().get(1).resolvedAt()).isNull();
    assertThat(result.firingAtEnd()).isTrue();
    assertThat(result.op()).isEqualTo(">=");
    assertThat(result.threshold()).isEqualTo(300);
  }

  @Test
  void aDerivedMetricAddsUpTheWindowsMinutesWithAValueAndHoldsOnlyWithOne() {
    AlertRule rule =
        rule(
            "derived_metric",
            "{\"recording_rule_id\": \"0b7c3a52-4a8e-4c9d-9f0e-1d2c3b4a5f60\", \"over\": \"max\","
                + " \"window_seconds\": 120, \"op\": \">\", \"threshold\": 5}",
            60);
    java.util.SortedMap<Instant, Double> minutes = new java.util.TreeMap<>();
    minutes.put(T0.plusSeconds(600), 3.0);
    minutes.put(T0.plusSeconds(660), 7.0);
    minutes.put(T0.plusSeconds(720), 9.0);
    RulePreview.Result result =
        RulePreview.evaluateDerived(rule, minutes, T0.plusSeconds(60), T0.plusSeconds(1800));

    // The max of the 2 minutes before each end holds (> 5) at the ends 720 s to 840 s: pending at
    // 720, firing after the 60 s of for, resolved at 900 s when no minute of the window has one.
    assertThat(result.episodes()).hasSize(1);
    RulePreview.Episode episode = result.episodes().get(0);
    assertThat(episode.pendingAt()).isEqualTo(T0.plusSeconds(720));
    assertThat(episode.firedAt()).isEqualTo(T0.plusSeconds(780));
    assertThat(episode.resolvedAt()).isEqualTo(T0.plusSeconds(900));
    assertThat(episode.peak()).isEqualTo(9);
    assertThat(result.points())
        .filteredOn(p -> p.at().equals(T0.plusSeconds(1200)))
        .singleElement()
        .satisfies(p -> assertThat(p.holds()).as("no minute with a value: no value").isFalse());
  }
}
