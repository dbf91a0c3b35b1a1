package io.devlogs.ops.health;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.HealthKeys;
import java.time.Duration;
import java.time.Instant;

/**
 * When a pipeline counts as stalled: its latest checkpoint older than {@code checkpointMaxAge}
 * (events become searchable when a checkpoint completes), or its oldest waiting record older than
 * {@code maxLag} (it is falling behind). Pure: {@link #assess} decides from a probe.
 */
public record PipelineBounds(Duration checkpointMaxAge, Duration maxLag) {

  public static PipelineBounds from(Settings settings) {
    return new PipelineBounds(
        settings.get(HealthKeys.CHECKPOINT_MAX_AGE), settings.get(HealthKeys.MAX_LAG));
  }

  /** {@code down}, {@code stalled} or {@code ok}, with the reason. */
  public PipelineAssessment assess(PipelineHealth health, Instant now) {
    String job = "the job " + health.jobName();
    switch (health.jobState()) {
      case PipelineHealth.UNREACHABLE -> {
        return new PipelineAssessment(
            PipelineVerdict.DOWN,
            "the Flink JobManager did not answer, so nothing says the pipeline runs");
      }
      case PipelineHealth.ABSENT -> {
        return new PipelineAssessment(
            PipelineVerdict.DOWN,
            job + " is not on the Flink cluster: new events wait in Kafka and are not stored");
      }
      case "RUNNING" -> {}
      default -> {
        return new PipelineAssessment(
            PipelineVerdict.DOWN,
            job + " is " + health.jobState() + ": new events wait in Kafka and are not stored");
      }
    }
    Duration checkpointAge = health.checkpointAge(now).orElse(Duration.ZERO);
    if (checkpointAge.compareTo(checkpointMaxAge) > 0) {
      return new PipelineAssessment(
          PipelineVerdict.STALLED,
          (health.lastCheckpoint().isPresent()
                  ? job + " has completed no checkpoint for " + Durations.words(checkpointAge)
                  : job
                      + " has completed no checkpoint since it started "
                      + Durations.words(checkpointAge)
                      + " ago")
              + " (bound "
              + Durations.words(checkpointMaxAge)
              + "): new events are not becoming searchable");
    }
    Duration lagAge = health.lagAge(now).orElse(Duration.ZERO);
    if (lagAge.compareTo(maxLag) > 0) {
      return new PipelineAssessment(
          PipelineVerdict.STALLED,
          job
              + " is falling behind: the oldest event waiting in Kafka arrived "
              + Durations.words(lagAge)
              + " ago (bound "
              + Durations.words(maxLag)
              + ")");
    }
    return new PipelineAssessment(PipelineVerdict.OK, job + " is RUNNING and keeping up");
  }
}
