package io.devlogs.bench.e2e;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The figures of one phase (a ramp step or the sustained hold), from its samples and probes. Rates
 * are the change of a running total between the phase's first and last sample, divided by the time
 * between them.
 *
 * @param phase e.g. {@code step-2000}
 * @param offeredRate the events/s the load offered
 * @param seconds the time between the first and the last sample
 * @param acceptedRate events/s ingest acknowledged
 * @param clickhouseRate events/s that landed in ClickHouse
 * @param cassandraRate events/s that landed in Cassandra
 * @param lagSlope the lag's growth in records/s (least squares)
 * @param lagMax the highest lag from a quarter into the phase on
 * @param freshness send-to-searchable latency of the phase's probes that were seen (ms)
 * @param probesUnseen the phase's probes no search returned
 * @param sustained whether the {@link SustainRule} held
 */
public record PhaseSummary(
    String phase,
    double offeredRate,
    double seconds,
    double acceptedRate,
    double clickhouseRate,
    double cassandraRate,
    double lagSlope,
    long lagMax,
    Percentiles freshness,
    int probesUnseen,
    boolean sustained) {

  public static final String CSV_HEADER =
      "phase,offered_rate,seconds,accepted_rate,clickhouse_rate,cassandra_rate,lag_slope,lag_max,"
          + "probes_seen,freshness_p50_ms,freshness_p95_ms,freshness_p99_ms,probes_unseen,sustained";

  /**
   * Summarises the samples and probes of {@code phase} (others in the lists are ignored).
   *
   * @throws IllegalArgumentException if the phase has no sample
   */
  public static PhaseSummary of(
      String phase,
      double offeredRate,
      List<Sample> samples,
      List<Probe> probes,
      SustainRule rule) {
    List<Sample> mine = samples.stream().filter(s -> s.phase().equals(phase)).toList();
    if (mine.isEmpty()) {
      throw new IllegalArgumentException("no samples of phase " + phase);
    }
    Sample first = mine.get(0);
    Sample last = mine.get(mine.size() - 1);
    double seconds = last.seconds() - first.seconds();
    double settledFrom = first.seconds() + seconds / 4;
    List<Sample> settled = mine.stream().filter(s -> s.seconds() >= settledFrom).toList();
    ToLongFunction<Sample> lag =
        settled.stream().allMatch(s -> s.sourcePending() >= 0)
            ? Sample::sourcePending
            : Sample::kafkaLag;
    double lagSlope =
        SustainRule.slope(
            settled.stream().mapToDouble(Sample::seconds).toArray(),
            settled.stream().mapToDouble(lag::applyAsLong).toArray());
    long lagMax = settled.stream().mapToLong(lag).max().orElse(0);
    double accepted = rate(first, last, Sample::accepted);
    List<Probe> phaseProbes = probes.stream().filter(p -> p.phase().equals(phase)).toList();
    Percentiles freshness =
        Percentiles.of(phaseProbes.stream().filter(Probe::seen).map(Probe::latencyMillis).toList());
    return new PhaseSummary(
        phase,
        offeredRate,
        seconds,
        accepted,
        rate(first, last, Sample::clickhouseRows),
        rate(first, last, Sample::cassandraRows),
        lagSlope,
        lagMax,
        freshness,
        (int) phaseProbes.stream().filter(p -> !p.seen()).count(),
        rule.holds(offeredRate, accepted, lagSlope, lagMax, settled.size()));
  }

  private static double rate(Sample first, Sample last, ToLongFunction<Sample> total) {
    double seconds = last.seconds() - first.seconds();
    return seconds <= 0 ? 0 : (total.applyAsLong(last) - total.applyAsLong(first)) / seconds;
  }

  public String csv() {
    return String.format(
        Locale.ROOT,
        "%s,%.0f,%.1f,%.0f,%.0f,%.0f,%.1f,%d,%d,%d,%d,%d,%d,%b",
        phase,
        offeredRate,
        seconds,
        acceptedRate,
        clickhouseRate,
        cassandraRate,
        lagSlope,
        lagMax,
        freshness.count(),
        freshness.p50(),
        freshness.p95(),
        freshness.p99(),
        probesUnseen,
        sustained);
  }
}
