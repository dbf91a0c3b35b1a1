package io.devlogs.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SustainRuleTest {

  private static final SustainRule RULE = SustainRule.DEFAULT;

  /** Samples every 5 s of a phase at {@code rate}: accepted at {@code acceptedRate}, lag linear. */
  static List<Sample> phase(
      String name, double rate, double acceptedRate, long lagStart, double lagSlope, int count) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double t = 100 + 5.0 * i;
      long accepted = (long) (acceptedRate * 5 * i);
      samples.add(
          new Sample(
              t,
              name,
              rate,
              (long) (rate * 5 * i),
              accepted,
              0,
              accepted,
              accepted,
              lagStart + (long) (lagSlope * 5 * i),
              -1,
              1.0));
    }
    return samples;
  }

  @Test
  void aPhaseThatKeepsUpIsSustained() {
    List<Sample> samples = phase("step-1000", 1000, 1000, 5000, 0, 7);

    PhaseSummary step = PhaseSummary.of("step-1000", 1000, samples, List.of(), RULE);

    assertThat(step.acceptedRate()).isCloseTo(1000, within(0.5));
    assertThat(step.clickhouseRate()).isCloseTo(1000, within(0.5));
    assertThat(step.seconds()).isEqualTo(30);
    assertThat(step.lagSlope()).isCloseTo(0, within(1e-9));
    assertThat(step.sustained()).isTrue();
  }

  @Test
  void growingLagIsNotSustainedEvenIfIngestAcceptsEverything() {
    List<Sample> samples = phase("step-4000", 4000, 4000, 0, 400, 7);

    PhaseSummary step = PhaseSummary.of("step-4000", 4000, samples, List.of(), RULE);

    assertThat(step.lagSlope()).isCloseTo(400, within(1.0));
    assertThat(step.sustained()).isFalse();
  }

  @Test
  void theLagRisingToItsNewLevelInTheFirstQuarterIsNoGrowth() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i <= 24; i++) {
      long accepted = 2000L * 5 * i;
      // Flink's pendingRecords: up from 0 to 20,000 in the first 30 s of 120, then flat
      long pending = Math.min(i, 6) * 20_000L / 6;
      samples.add(new Sample(5.0 * i, "p", 2000, accepted, accepted, 0, 0, 0, 99_999, pending, 1));
    }

    PhaseSummary step = PhaseSummary.of("p", 2000, samples, List.of(), RULE);

    assertThat(step.lagSlope()).isCloseTo(0, within(1e-9));
    assertThat(step.lagEnd()).as("Flink's figure wins over the committed one").isEqualTo(20_000);
    assertThat(step.sustained()).isTrue();
  }

  @Test
  void aJobThatStopsRunningIsJudgedByItsGrowingCommittedLag() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i <= 12; i++) {
      long accepted = 400L * 5 * i;
      // from 30 s on the job restarts: Flink knows no pending records, the offsets stay put
      long pending = i < 6 ? 0 : -1;
      long committedLag = i < 6 ? 500 : 500 + accepted - 400L * 5 * 5;
      samples.add(
          new Sample(5.0 * i, "p", 400, accepted, accepted, 0, 0, 0, committedLag, pending, 1));
    }

    PhaseSummary step = PhaseSummary.of("p", 400, samples, List.of(), RULE);

    assertThat(step.lagSlope()).isGreaterThan(100);
    assertThat(step.lagEnd()).isEqualTo(500 + 400 * 5 * 7);
    assertThat(step.sustained()).isFalse();
  }

  @Test
  void ingestAcceptingTooLittleIsNotSustained() {
    List<Sample> samples = phase("step-4000", 4000, 3000, 0, 0, 7);

    assertThat(PhaseSummary.of("step-4000", 4000, samples, List.of(), RULE).sustained()).isFalse();
  }

  @Test
  void aSawToothLagWithoutTrendIsSustained() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      long accepted = 2000L * 5 * i;
      // checkpoints commit offsets every 10 s: the lag rises and drops back
      long lag = i % 2 == 0 ? 1_000 : 19_000;
      samples.add(new Sample(5.0 * i, "p", 2000, accepted, accepted, 0, 0, 0, lag, -1, 1));
    }

    PhaseSummary step = PhaseSummary.of("p", 2000, samples, List.of(), RULE);

    assertThat(Math.abs(step.lagSlope())).isLessThan(0.05 * 2000);
    assertThat(step.sustained()).isTrue();
  }

  @Test
  void tooFewSamplesDecideNothing() {
    assertThat(RULE.holds(1000, 1000, 0, SustainRule.MIN_SAMPLES - 1)).isFalse();
    assertThat(RULE.holds(1000, 1000, 0, SustainRule.MIN_SAMPLES)).isTrue();
  }

  @Test
  void theHighestSustainedStepIsTheLastBeforeTheFirstFailure() {
    PhaseSummary ok1 = summary("step-1000", true);
    PhaseSummary ok2 = summary("step-2000", true);
    PhaseSummary failed = summary("step-4000", false);
    PhaseSummary okAgain = summary("step-8000", true);

    assertThat(SustainRule.highestSustained(List.of(ok1, ok2, failed, okAgain))).contains(ok2);
    assertThat(SustainRule.highestSustained(List.of(failed, ok1))).isEmpty();
    assertThat(SustainRule.highestSustained(List.of())).isEmpty();
  }

  @Test
  void theFreshnessOfAPhaseComesFromItsOwnProbesThatWereSeen() {
    List<Sample> samples = phase("step-1000", 1000, 1000, 0, 0, 4);
    List<Probe> probes =
        List.of(
            new Probe(0, "step-1000", 1_000, 3_000),
            new Probe(1, "step-1000", 2_000, 6_000),
            new Probe(2, "step-1000", 3_000, -1),
            new Probe(3, "step-2000", 4_000, 100_000));

    PhaseSummary step = PhaseSummary.of("step-1000", 1000, samples, probes, RULE);

    assertThat(step.freshness()).isEqualTo(new Percentiles(2, 2_000, 4_000, 4_000));
    assertThat(step.probesUnseen()).isEqualTo(1);
  }

  @Test
  void slopeIsTheLeastSquaresFit() {
    assertThat(SustainRule.slope(new double[] {0, 1, 2, 3}, new double[] {1, 3, 5, 7}))
        .isCloseTo(2, within(1e-12));
    assertThat(SustainRule.slope(new double[] {5}, new double[] {9})).isZero();
  }

  @Test
  void aHoldThatDidNotKeepUpIsFollowedByNinetyPercentOfWhatTheSlowerSinkTook() {
    PhaseSummary failed =
        new PhaseSummary(
            "sustain-4000", 4000, 600, 4000, 2950, 2650, 1500, 900_000, Percentiles.NONE, 0, false);

    assertThat(SustainRule.nextHoldRate(failed)).hasValue(2300);
  }

  @Test
  void theNextHoldNeverOffersMoreThanTheFailedOne() {
    // sinks that caught up on a backlog can take more than the hold offered
    PhaseSummary failed =
        new PhaseSummary(
            "sustain-1000", 1000, 600, 900, 1800, 1700, 200, 9_000, Percentiles.NONE, 0, false);

    assertThat(SustainRule.nextHoldRate(failed)).hasValue(900);
  }

  @Test
  void belowOneHundredEventsPerSecondThereIsNoNextHold() {
    PhaseSummary failed =
        new PhaseSummary(
            "sustain-200", 200, 600, 200, 100, 100, 50, 9_000, Percentiles.NONE, 0, false);

    assertThat(SustainRule.nextHoldRate(failed)).isEmpty();
  }

  private static PhaseSummary summary(String phase, boolean sustained) {
    return new PhaseSummary(
        phase, 1000, 120, 1000, 1000, 1000, 0, 0, Percentiles.NONE, 0, sustained);
  }
}
