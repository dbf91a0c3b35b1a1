package io.devlogs.flink;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;

/**
 * A pass-through operator that makes the job fail after a checkpoint has completed on the
 * JobManager but before any task has run that checkpoint's completion notification, so before any
 * sink committer has committed it. Tests put one in every task that holds a committer (chained in
 * front of the sink's writer).
 *
 * <h2>Why this is deterministic (Flink 1.20 source)</h2>
 *
 * <ol>
 *   <li>{@code CheckpointCoordinator.completePendingCheckpoint} adds checkpoint N to the completed
 *       checkpoint store, reports it to the checkpoint statistics (what the REST API shows), and
 *       only then ({@code cleanupAfterCompletedCheckpoint}) sends the completion notification to
 *       the tasks. A failure from then on restores from N.
 *   <li>On the TaskManager, the notification becomes a mail ({@code
 *       StreamTask.notifyCheckpointCompleteAsync}, {@code TaskMailbox.MAX_PRIORITY}) that the task
 *       thread runs: {@code SubtaskCheckpointCoordinatorImpl.notifyCheckpointComplete} then {@code
 *       RegularOperatorChain.notifyCheckpointComplete}, which notifies every operator of the chain,
 *       among them {@code CommitterOperator}, which commits.
 *   <li>An extra operator that throws in {@code notifyCheckpointComplete} would not do: {@code
 *       RegularOperatorChain} notifies all operators of the chain (tail first) and rethrows only
 *       afterwards, so the committer would still commit; and tasks are notified independently.
 *   <li>Instead, in {@code snapshotState} of checkpoint N (the synchronous part, on the task
 *       thread) this operator puts a mail of the same top priority into its task's mailbox that
 *       blocks the task thread. The mailbox hands out mails in order among those of sufficient
 *       priority ({@code TaskMailboxImpl}), and the notification mail of N can only arrive after
 *       the task has acknowledged N, which happens after this snapshot: the blocking mail always
 *       runs first. The asynchronous part of the snapshot and the acknowledgement run on other
 *       threads, so N still completes on the JobManager.
 *   <li>Once the test has seen N completed, {@link #release} makes every held mail throw: every
 *       task fails with its notification still queued. A failing task closes its mailbox and drops
 *       the queued mails ({@code MailboxProcessor.close}), so no committer is notified of N. The
 *       job restores from N and each {@code CommitterOperator.initializeState} commits the restored
 *       committables of N.
 * </ol>
 *
 * N is chosen by the first holding operator that snapshots a checkpoint c after {@link #arm}: N = c
 * + 1. With at most one checkpoint in flight (the default), no task can snapshot c + 1 before that,
 * so every task holds at the same N. State is static, so it spans task restarts in one JVM (a
 * MiniCluster); after the release the operator only passes records through.
 */
final class CommitNotificationHold<T> extends AbstractStreamOperator<T>
    implements OneInputStreamOperator<T, T> {

  private static final long serialVersionUID = 1L;
  private static final Duration MAX_HOLD = Duration.ofMinutes(2);

  /** The failure every held task throws once released. */
  static final class HeldCheckpointFailure extends RuntimeException {
    HeldCheckpointFailure(String message) {
      super(message);
    }
  }

  private static final class Hold {
    final AtomicLong checkpoint = new AtomicLong(-1);
    final AtomicInteger held = new AtomicInteger();
    final CountDownLatch released = new CountDownLatch(1);
  }

  private static final Map<String, Hold> HOLDS = new ConcurrentHashMap<>();

  static final String NAME = "Commit notification hold";

  private final String key;

  private CommitNotificationHold(String key) {
    this.key = key;
    setChainingStrategy(ChainingStrategy.ALWAYS);
  }

  /** {@code stream} through a hold of {@code key}, chained to what follows. */
  static <T> DataStream<T> before(DataStream<T> stream, String key, String what) {
    return stream
        .transform(NAME + " " + what, stream.getType(), new CommitNotificationHold<T>(key))
        .uid("commit-notification-hold-" + what);
  }

  /** Holds the tasks at the checkpoint after the next one any of them takes. */
  static void arm(String key) {
    HOLDS.put(key, new Hold());
  }

  /** The checkpoint the tasks hold at, or -1 while not chosen. */
  static long checkpoint(String key) {
    return HOLDS.get(key).checkpoint.get();
  }

  /** How many operator instances are holding their task. */
  static int held(String key) {
    return HOLDS.get(key).held.get();
  }

  /** Makes every held task fail. */
  static void release(String key) {
    HOLDS.get(key).released.countDown();
  }

  static void disarm(String key) {
    HOLDS.remove(key);
  }

  @Override
  public void processElement(StreamRecord<T> element) {
    output.collect(element);
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    Hold hold = HOLDS.get(key);
    if (hold == null || hold.released.getCount() == 0) {
      return;
    }
    long id = context.getCheckpointId();
    hold.checkpoint.compareAndSet(-1, id + 1);
    if (id != hold.checkpoint.get()) {
      return;
    }
    hold.held.incrementAndGet();
    getContainingTask()
        .getMailboxExecutorFactory()
        .createExecutor(TaskMailbox.MAX_PRIORITY)
        .execute(() -> block(hold, id), "hold the notification of checkpoint " + id);
  }

  private static void block(Hold hold, long checkpoint) throws InterruptedException {
    if (!hold.released.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          "checkpoint " + checkpoint + " held for " + MAX_HOLD + " but the test never released it");
    }
    throw new HeldCheckpointFailure(
        "injected failure after checkpoint "
            + checkpoint
            + " completed, before its completion notification");
  }
}
