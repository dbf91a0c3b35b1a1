package io.devlogs.bench.e2e;

import java.util.List;
import java.util.Optional;

/**
 * Everything one run of {@code bench e2e} measured, for the report.
 *
 * @param runId the run's name, also its folder
 * @param settings the run's settings, as {@code name = value} lines for the report
 * @param samples every sample, in time order
 * @param probes every freshness probe
 * @param steps the ramp's steps, in order
 * @param sustain the hold at the highest sustained rate, if one was found and held
 * @param ceilings each stage's ceiling alone
 * @param facts the machine
 * @param drained after the load stopped: accepted, and what ClickHouse and Cassandra finally held
 */
public record E2eResult(
    String runId,
    List<String> settings,
    List<Sample> samples,
    List<Probe> probes,
    List<PhaseSummary> steps,
    Optional<PhaseSummary> sustain,
    List<Ceiling> ceilings,
    MachineFacts facts,
    Drained drained) {

  /** The totals once the load stopped and the sinks caught up (or the wait gave up). */
  public record Drained(
      long accepted, long clickhouseRows, long cassandraRows, double waitedSeconds) {}

  /**
   * The end-to-end figure: events/s ingest accepted while the sustained hold kept the job's lag
   * flat, so the stages behind it kept up with it too. Empty without a sustained hold.
   */
  public Optional<Double> endToEndRate() {
    return sustain.filter(PhaseSummary::sustained).map(PhaseSummary::acceptedRate);
  }
}
