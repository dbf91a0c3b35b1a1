package io.devlogs.ops.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the pipeline job was doing when it was probed, as the JobManager and Kafka see it. Ages are
 * computed at the moment they are asked for, so a cached probe still ages honestly.
 *
 * @param jobName the job followed
 * @param jobState the Flink state of the job (RUNNING, RESTARTING, FINISHED...), {@link #ABSENT}
 *     when the cluster has no job of that name, {@link #UNREACHABLE} when the JobManager did not
 *     answer
 * @param runningSince when the RUNNING job started (empty unless RUNNING)
 * @param lastCheckpoint when the RUNNING job's latest completed checkpoint was acknowledged (empty
 *     before its first)
 * @param lagEvents records of the raw topic the job's consumer group has not committed (empty when
 *     Kafka did not answer)
 * @param oldestUnconsumed when the oldest of those records was written (empty without lag)
 * @param problems what could not be measured, in words
 * @param probedAt when it was probed
 */
public record PipelineHealth(
    String jobName,
    String jobState,
    Optional<Instant> runningSince,
    Optional<Instant> lastCheckpoint,
    OptionalLong lagEvents,
    Optional<Instant> oldestUnconsumed,
    List<String> problems,
    Instant probedAt) {
  public static final String ABSENT = "ABSENT";
  public static final String UNREACHABLE = "UNREACHABLE";

  public PipelineHealth {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(jobState, "jobState");
    problems = List.copyOf(problems);
  }

  public boolean running() {
    return jobState.equals("RUNNING");
  }

  /**
   * How long ago the RUNNING job completed its latest checkpoint; since its start when it has
   * completed none yet. Empty when it is not RUNNING.
   */
  public Optional<Duration> checkpointAge(Instant now) {
    return lastCheckpoint.or(() -> runningSince).map(at -> nonNegative(Duration.between(at, now)));
  }

  /**
   * How long the oldest record the job has not committed has waited: the lag in time. Zero without
   * lag, empty when Kafka did not answer. The job commits its offsets when a checkpoint completes,
   * so a job that keeps up shows up to about one checkpoint interval.
   */
  public Optional<Duration> lagAge(Instant now) {
    if (lagEvents.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        oldestUnconsumed.map(at -> nonNegative(Duration.between(at, now))).orElse(Duration.ZERO));
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
