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
    assertThat(step.lagMax()).as("Flink's figure wins over the committed one").isEqualTo(20_000);
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
    assertThat(step.lagMax()).isEqualTo(500 + 400 * 5 * 7);
    assertThat(step.sustained()).isFalse();
  }

  @Test
  void ingestAcceptingTooLittleIsNotSustained() {
    List<Sample> samples = phase("step-4000", 4000, 3000, 0, 0, 7);

    assertThat(PhaseSummary.of("step-4000", 4000, samples, List.of(), RULE).sustained()).isFalse();
  }

  @Test
  void aPhaseThatFellMinutesBehindIsNotSustainedEvenIfItCaughtUpByItsEnd() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i <= 24; i++) {
      long accepted = 4000L * 5 * i;
      // behind by up to 400,000 records (100 s) mid-phase, caught up at the end
      long pending = i <= 12 ? 400_000L * i / 12 : 400_000L * (24 - i) / 12;
      samples.add(new Sample(5.0 * i, "p", 4000, accepted, accepted, 0, 0, 0, 0, pending, 1));
    }

    PhaseSummary hold = PhaseSummary.of("p", 4000, samples, List.of(), RULE);

    assertThat(hold.lagSlope()).isLessThan(0);
    assertThat(hold.lagMax()).isEqualTo(400_000);
    assertThat(hold.sustained()).isFalse();
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
    assertThat(RULE.holds(1000, 1000, 0, 0, SustainRule.MIN_SAMPLES - 1)).isFalse();
    assertThat(RULE.holds(1000, 1000, 0, 0, SustainRule.MIN_SAMPLES)).isTrue();
  }

  @Test
  void theHighestSustainedStepIsTheHighestBelowTheLowestFailure() {
    PhaseSummary ok1 = summary(1000, true);
    PhaseSummary ok2 = summary(2000, true);
    PhaseSummary failed = summary(4000, false);
    PhaseSummary okAgain = summary(8000, true);
    PhaseSummary refinedOk = summary(3000, true);

    assertThat(SustainRule.highestSustained(List.of(ok1, ok2, failed, okAgain))).contains(ok2);
    assertThat(SustainRule.highestSustained(List.of(ok1, ok2, failed, refinedOk)))
        .contains(refinedOk);
    assertThat(SustainRule.highestSustained(List.of(failed, summary(5000, true)))).isEmpty();
    assertThat(SustainRule.highestSustained(List.of())).isEmpty();
  }

  @Test
  void refinementHalvesTheGapUntilItIsWithinAQuarterOfTheSustainedRate() {
    List<PhaseSummary> steps = new ArrayList<>(List.of(summary(4000, true), summary(8000, false)));
    assertThat(SustainRule.refinedRate(steps)).hasValue(6000);

    steps.add(summary(6000, true));
    assertThat(SustainRule.refinedRate(steps)).hasValue(7000);
    steps.add(summary(7000, false));
    assertThat(SustainRule.refinedRate(steps)).as("6,000 and 7,000 are close enough").isEmpty();

    List<PhaseSummary> lower =
        List.of(summary(4000, true), summary(8000, false), summary(6000, false));
    assertThat(SustainRule.refinedRate(lower)).hasValue(5000);
    assertThat(SustainRule.refinedRate(List.of(summary(200, true), summary(300, false))))
        .as("within 100 events/s")
        .isEmpty();
  }

  @Test
  void thereIsNothingToRefineWithoutBothASustainedAndAFailedStep() {
    assertThat(SustainRule.refinedRate(List.of(summary(1000, true), summary(2000, true))))
        .isEmpty();
    assertThat(SustainRule.refinedRate(List.of(summary(1000, false)))).isEmpty();
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
    assertThat(SustainRule.nextHoldRate(failedHold(4000, 2950, 2650))).hasValue(2300);
  }

  @Test
  void theNextHoldNeverOffersMoreThanTheFailedOne() {
    // sinks that caught up on a backlog can take more than the hold offered
    assertThat(SustainRule.nextHoldRate(failedHold(1000, 1800, 1700))).hasValue(900);
  }

  @Test
  void belowOneHundredEventsPerSecondThereIsNoNextHold() {
    assertThat(SustainRule.nextHoldRate(failedHold(200, 100, 100))).isEmpty();
  }

  /** A ten-minute hold at {@code rate} that fell behind while the sinks took these events/s. */
  private static PhaseSummary failedHold(int rate, double clickhouse, double cassandra) {
    return new PhaseSummary(
        "sustain-" + rate,
        rate,
        600,
        rate,
        clickhouse,
        cassandra,
        rate / 2.0,
        rate * 100L,
        Percentiles.NONE,
        0,
        false);
  }

  private static PhaseSummary summary(int rate, boolean sustained) {
    return new PhaseSummary(
        "step-" + rate, rate, 120, rate, rate, rate, 0, 0, Percentiles.NONE, 0, sustained);
  }
}
