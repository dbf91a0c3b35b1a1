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
 * @param holds the holds, in order: the highest sustained step's rate first, then lower rates while
 *     a hold did not keep up (at most {@code hold-attempts})
 * @param ceilings each stage's ceiling alone
 * @param facts the machine
 * @param drained after the load stopped: accepted, and what ClickHouse and Cassandra finally held
 * @param costs each component's CPU and memory in each phase
 */
public record E2eResult(
    String runId,
    List<String> settings,
    List<Sample> samples,
    List<Probe> probes,
    List<PhaseSummary> steps,
    List<PhaseSummary> holds,
    List<Ceiling> ceilings,
    MachineFacts facts,
    Drained drained,
    List<ComponentCost> costs) {

  /** The totals once the load stopped and the sinks caught up (or the wait gave up). */
  public record Drained(
      long accepted, long clickhouseRows, long cassandraRows, double waitedSeconds) {}

  /**
   * The phase whose component costs the report shows: the sustained hold, else the last hold, else
   * the last step.
   */
  public Optional<String> costPhase() {
    if (sustainedHold().isPresent()) {
      return sustainedHold().map(PhaseSummary::phase);
    }
    if (!holds.isEmpty()) {
      return Optional.of(holds.get(holds.size() - 1).phase());
    }
    return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1).phase());
  }

  /** The hold that kept up, if one did. */
  public Optional<PhaseSummary> sustainedHold() {
    return holds.stream().filter(PhaseSummary::sustained).findFirst();
  }

  /**
   * The end-to-end figure: events/s ingest accepted while the sustained hold kept the job's lag
   * flat, so the stages behind it kept up with it too. Empty without a sustained hold.
   */
  public Optional<Double> endToEndRate() {
    return sustainedHold().map(PhaseSummary::acceptedRate);
  }
}
