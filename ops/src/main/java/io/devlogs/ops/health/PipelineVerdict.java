package io.devlogs.ops.health;

import java.util.Locale;

/** The pipeline's state in one word, worst last. */
public enum PipelineVerdict {
  /** Events are flowing and, for a project, its newest event is recent. */
  OK,
  /** The pipeline flows, but the project has sent nothing stored for a while. */
  STALE,
  /** The job runs but does not move: checkpoints do not complete or it is falling behind. */
  STALLED,
  /** The job is not running (restarting, stopped, absent) or the JobManager does not answer. */
  DOWN;

  /** The word the status route and the command print: {@code ok}, {@code stalled}... */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
