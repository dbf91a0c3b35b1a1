package io.devlogs.flink.sinks.clickhouse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failure points of {@link ExactlyOnceClickHouseSink} that a test can switch on, to prove the
 * guarantee under failure. A sink built with a failure key (never in production: the key is {@code
 * null} there and every check is a no-op) looks its key up here at each {@link Point}; an armed
 * point throws {@link InjectedFailure} once, after letting a given number of passes through. State
 * is static, so it spans task restarts within one JVM (a MiniCluster).
 */
public final class FailureInjection {

  /** Where the sink can fail. */
  public enum Point {
    /** The writer receives a record (a failure inside an operator, mid-stream). */
    WRITER_RECORD,
    /** Right after the writer staged a chunk, before the checkpoint that would commit it. */
    WRITER_AFTER_STAGE,
    /**
     * The committer is asked to commit a completed checkpoint but fails before doing anything: the
     * checkpoint is complete and none of its rows are committed. (A failure before the commit
     * notification even reaches the tasks is tested with a hold in the tasks' mailboxes, see
     * ExactlyOncePipelineIT.)
     */
    COMMIT_START,
    /** After the 'intent' markers are written, before the rows are copied. */
    COMMIT_AFTER_INTENT,
    /** After the rows are copied into the target, before the 'done' markers are written. */
    COMMIT_AFTER_INSERT
  }

  /** The failure an armed point throws. */
  public static final class InjectedFailure extends RuntimeException {
    InjectedFailure(String message) {
      super(message);
    }
  }

  private record Armed(Point point, AtomicLong passesLeft, AtomicBoolean fired) {}

  private static final Map<String, Armed> ARMED = new ConcurrentHashMap<>();

  private FailureInjection() {}

  /** Makes {@code point} of the sinks built with {@code key} fail once, after {@code passes}. */
  public static void arm(String key, Point point, long passes) {
    ARMED.put(key, new Armed(point, new AtomicLong(passes), new AtomicBoolean()));
  }

  /** Whether the failure armed under {@code key} has been thrown. */
  public static boolean fired(String key) {
    Armed armed = ARMED.get(key);
    return armed != null && armed.fired().get();
  }

  /** Forgets {@code key}. */
  public static void disarm(String key) {
    ARMED.remove(key);
  }

  /** Called by the sink at {@code point}; throws if armed there and due. */
  static void at(String key, Point point) {
    if (key == null) {
      return;
    }
    Armed armed = ARMED.get(key);
    if (armed == null || armed.point() != point || armed.fired().get()) {
      return;
    }
    if (armed.passesLeft().getAndDecrement() <= 0 && armed.fired().compareAndSet(false, true)) {
      throw new InjectedFailure("injected failure at " + point + " (" + key + ")");
    }
  }
}
