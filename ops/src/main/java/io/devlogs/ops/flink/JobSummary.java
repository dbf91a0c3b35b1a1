package io.devlogs.ops.flink;

import java.util.Set;

/**
 * One job of the cluster as {@code GET /jobs/overview} lists it.
 *
 * @param id the job id ({@code jid})
 * @param name the job's name, e.g. {@code devlogs-log-pipeline}
 * @param state RUNNING, INITIALIZING, RESTARTING, FINISHED, CANCELED...
 */
public record JobSummary(String id, String name, String state) {
  /** The states of a job that is over: the JobManager will not run it again. */
  public static final Set<String> ENDED_STATES = Set.of("FINISHED", "CANCELED", "FAILED");

  /** The states of a job that is starting, running or recovering. */
  public static final Set<String> ALIVE_STATES =
      Set.of("CREATED", "INITIALIZING", "RUNNING", "RESTARTING");

  public boolean running() {
    return state.equals("RUNNING");
  }

  public boolean ended() {
    return ENDED_STATES.contains(state);
  }
}
