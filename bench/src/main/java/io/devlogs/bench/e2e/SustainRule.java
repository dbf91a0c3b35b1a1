package io.devlogs.bench.e2e;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * When a rate counts as sustained: ingest accepted at least {@code minAcceptedShare} of the offered
 * events/s, the job's consumer lag grew by at most {@code maxLagGrowthShare} of the offered
 * events/s (least-squares slope of the lag samples over the phase), and the lag never exceeded
 * {@code maxLagSeconds} of offered events. The lag saw-tooths with the checkpoints the job commits
 * its offsets on, so only a slope fitted over several checkpoints means anything: a phase needs
 * {@value #MIN_SAMPLES} samples or more. The bound on the lag itself catches a phase that fell
 * minutes behind and caught up before its end: its slope can be flat or falling.
 */
public record SustainRule(double minAcceptedShare, double maxLagGrowthShare, double maxLagSeconds) {

  public static final SustainRule DEFAULT = new SustainRule(0.95, 0.05, 30);
  static final int MIN_SAMPLES = 3;

  /** Refined and lowered rates are multiples of this many events/s. */
  static final int RATE_STEP = 100;

  public SustainRule {
    if (!(minAcceptedShare > 0 && minAcceptedShare <= 1)) {
      throw new IllegalArgumentException("minAcceptedShare must be in (0, 1]");
    }
    if (!(maxLagGrowthShare >= 0) || !(maxLagSeconds > 0)) {
      throw new IllegalArgumentException(
          "maxLagGrowthShare must not be negative and maxLagSeconds must be positive");
    }
  }

  /** Whether a phase with these figures (events/s) kept up. */
  public boolean holds(
      double offeredRate, double acceptedRate, double lagSlope, long lagMax, int samples) {
    return samples >= MIN_SAMPLES
        && acceptedRate >= minAcceptedShare * offeredRate
        && lagSlope <= maxLagGrowthShare * offeredRate
        && lagMax <= maxLagSeconds * offeredRate;
  }

  /**
   * The highest sustained step below the lowest one that did not hold (steps may come in any order:
   * the ramp's, then the refinements'); empty if none below it held.
   */
  public static Optional<PhaseSummary> highestSustained(List<PhaseSummary> steps) {
    double lowestFailed = lowestFailedRate(steps);
    return steps.stream()
        .filter(s -> s.sustained() && s.offeredRate() < lowestFailed)
        .max(Comparator.comparingDouble(PhaseSummary::offeredRate));
  }

  /**
   * The next step between the highest sustained rate and the lowest that did not hold: their
   * midpoint, rounded down to a multiple of {@value #RATE_STEP}, while they are more than a quarter
   * of the sustained rate apart (4,000 held and 8,000 did not: 6,000, then 5,000 or 7,000). Empty
   * when they are close enough, when every step held or when none did.
   */
  public static OptionalInt refinedRate(List<PhaseSummary> steps) {
    Optional<PhaseSummary> best = highestSustained(steps);
    double failed = lowestFailedRate(steps);
    if (best.isEmpty() || failed == Double.POSITIVE_INFINITY) {
      return OptionalInt.empty();
    }
    double held = best.get().offeredRate();
    if (failed - held <= Math.max(RATE_STEP, held / 4)) {
      return OptionalInt.empty();
    }
    int middle = (int) ((held + failed) / 2 / RATE_STEP) * RATE_STEP;
    return middle > held && middle < failed ? OptionalInt.of(middle) : OptionalInt.empty();
  }

  private static double lowestFailedRate(List<PhaseSummary> steps) {
    return steps.stream()
        .filter(s -> !s.sustained())
        .mapToDouble(PhaseSummary::offeredRate)
        .min()
        .orElse(Double.POSITIVE_INFINITY);
  }

  /**
   * The rate to hold next after {@code failed} did not keep up: 90% of what the slower sink took
   * during it (never more than 90% of what it offered), rounded down to a multiple of {@value
   * #RATE_STEP}; empty below that, where another hold would say nothing new.
   */
  public static OptionalInt nextHoldRate(PhaseSummary failed) {
    double kept = Math.min(failed.clickhouseRate(), failed.cassandraRate());
    double next = 0.9 * Math.min(kept, failed.offeredRate());
    int rounded = (int) (next / RATE_STEP) * RATE_STEP;
    return rounded >= RATE_STEP ? OptionalInt.of(rounded) : OptionalInt.empty();
  }

  /** The least-squares slope of y over x; 0 for fewer than two points or no spread in x. */
  public static double slope(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " x values for " + y.length + " y values");
    }
    int n = x.length;
    if (n < 2) {
      return 0;
    }
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < n; i++) {
      meanX += x[i] / n;
      meanY += y[i] / n;
    }
    double covariance = 0;
    double variance = 0;
    for (int i = 0; i < n; i++) {
      covariance += (x[i] - meanX) * (y[i] - meanY);
      variance += (x[i] - meanX) * (x[i] - meanX);
    }
    return variance == 0 ? 0 : covariance / variance;
  }
}
