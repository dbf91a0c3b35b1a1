package io.devlogs.ops.flink;

import java.util.List;
import java.util.Optional;

/**
 * The jobs of one name on the cluster. A cluster may list several: ended ones, next to the one that
 * runs or that the JobManager is recovering.
 */
public final class JobsByName {
  private final List<JobSummary> jobs;

  public JobsByName(String name, List<JobSummary> all) {
    this.jobs = all.stream().filter(job -> job.name().equals(name)).toList();
  }

  /**
   * RUNNING if one runs; else the state of one that has not ended (INITIALIZING, RESTARTING...
   * while the JobManager recovers it); else that of one that ended; else nothing.
   */
  public Optional<String> state() {
    if (running().isPresent()) {
      return Optional.of("RUNNING");
    }
    return jobs.stream()
        .filter(job -> !job.ended())
        .findFirst()
        .or(() -> jobs.stream().findFirst())
        .map(JobSummary::state);
  }

  /** Whether one has not ended: it runs, or is being recovered, restarted or deployed. */
  public boolean active() {
    return jobs.stream().anyMatch(job -> !job.ended());
  }

  /** The RUNNING one. */
  public Optional<JobSummary> running() {
    return jobs.stream().filter(JobSummary::running).findFirst();
  }
}
