package io.devlogs.flink.sinks.clickhouse.internal;

/**
 * What the committer does with one (batch, target partition) pair, from its commit markers and,
 * when a previous attempt was interrupted, from what the target already holds. Pure logic, no I/O.
 */
final class CommitDecision {

  /** The markers of a (batch, partition) pair. */
  enum MarkerState {
    /** No marker: the pair was never attempted. */
    NONE,
    /** 'intent' without 'done': an attempt started and may or may not have copied the rows. */
    INTENT,
    /** 'done': the rows are in the target. */
    DONE;

    static MarkerState of(boolean intent, boolean done) {
      return done ? DONE : intent ? INTENT : NONE;
    }
  }

  /** First decision, from the markers alone. */
  enum Action {
    /** Already committed: nothing to do (the normal path of a replayed commit). */
    SKIP,
    /** Write 'intent', copy the rows, write 'done' (the normal path). */
    COPY,
    /** Count the batch's rows in the target partition, then decide with {@link #recover}. */
    CHECK_TARGET
  }

  /** Decision after counting an interrupted attempt's rows in the target. */
  enum Recovery {
    /** The copy happened: write 'done' only. */
    MARK_DONE,
    /** The copy never happened: copy everything, then write 'done'. */
    COPY_ALL,
    /** A copy stopped half-way (not expected: one copy is one part): copy the missing rows. */
    COPY_MISSING
  }

  private CommitDecision() {}

  static Action action(MarkerState state) {
    return switch (state) {
      case DONE -> Action.SKIP;
      case NONE -> Action.COPY;
      case INTENT -> Action.CHECK_TARGET;
    };
  }

  /**
   * @param expected the rows the batch holds for the partition
   * @param found the rows of the batch the target partition holds
   */
  static Recovery recover(long expected, long found) {
    if (found == 0 && expected > 0) {
      return Recovery.COPY_ALL;
    }
    if (found < expected) {
      return Recovery.COPY_MISSING;
    }
    return Recovery.MARK_DONE;
  }
}
