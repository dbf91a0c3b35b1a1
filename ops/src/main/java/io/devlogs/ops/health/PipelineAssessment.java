package io.devlogs.ops.health;

import java.util.Objects;

/**
 * A verdict and why, in words a user can act on.
 *
 * @param verdict the state in one word
 * @param reason why, e.g. "the job devlogs-log-pipeline is RESTARTING: new events are not stored"
 */
public record PipelineAssessment(PipelineVerdict verdict, String reason) {
  public PipelineAssessment {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
  }

  public boolean ok() {
    return verdict == PipelineVerdict.OK;
  }
}
