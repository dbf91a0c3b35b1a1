package io.devlogs.flink.sinks.clickhouse.internal;

import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.sinks.clickhouse.ExactlyOnceClickHouseSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator of {@link ExactlyOnceClickHouseSink}: stages rows ({@link StagingWriter}), keeps the
 * staged batches of each checkpoint in its state and commits them ({@link StagedBatchCommitter})
 * once that checkpoint is complete. Its output is the dead letters of rows ClickHouse refused,
 * emitted before the barrier of the checkpoint their rows belonged to.
 *
 * <p>It never fails the job because ClickHouse is unavailable: rows it cannot stage stay buffered
 * and go into its checkpoint state, commits that fail are retried, both with a backoff, while the
 * rest of the pipeline goes on. Past {@code maxPendingBytes} of unstaged rows it stops taking
 * records (backpressure) until ClickHouse takes them again.
 */
public final class ClickHouseSinkOperator<T> extends AbstractStreamOperator<DeadLetter>
    implements OneInputStreamOperator<T, DeadLetter> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkOperator.class);

  static final long MIN_BACKOFF_MS = 250;
  public static final long MAX_BACKOFF_MS = 5_000;

  /** The checkpoint id under which restored batches wait (ids of a run's checkpoints are > 0). */
  private static final long RESTORED = 0;

  private static final int COMMIT_MILLIS_WINDOW = 500;

  private final SinkConfig<T> sink;

  private transient StagingWriter<T> writer;
  private transient StagedBatchCommitter committer;
  private transient ListState<byte[]> rowsState;
  private transient Counter committedRows;
  private transient Histogram commitMillis;
  private transient ListState<byte[]> commitsState;

  /** Batches staged since the last snapshot: they belong to the next checkpoint. */
  private transient List<StagedBatch> stagedSinceSnapshot;

  /** Checkpoint id to the batches staged for it, not yet committed. */
  private transient TreeMap<Long, List<StagedBatch>> pendingCommits;

  private transient long completedUpTo;
  private transient long backoffMs;
  private transient long nextAttemptAt;
  private transient boolean timerSet;
  private transient String outage;
  private transient Counter refusedRows;

  public ClickHouseSinkOperator(SinkConfig<T> sink) {
    this.sink = sink;
    setChainingStrategy(ChainingStrategy.ALWAYS); // in its input's task, as a sink writer is
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    writer = sink.writer(subtask);
    committer = sink.committer(subtask);
    stagedSinceSnapshot = new ArrayList<>();
    pendingCommits = new TreeMap<>();
    completedUpTo = Long.MIN_VALUE;
    backoffMs = MIN_BACKOFF_MS;
    rowsState =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>(
                    "unstaged-rows", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    commitsState =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>(
                    "pending-commits", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    if (context.isRestored()) {
      for (byte[] rows : rowsState.get()) {
        writer.restoreBuffer(rows);
      }
      // Every batch in restored state belongs to a completed checkpoint (the restored one or an
      // earlier one): it is committed, whether or not its commit notification had arrived. They
      // are kept under checkpoint 0, before any checkpoint of this run.
      for (byte[] commit : commitsState.get()) {
        StagedBatch batch =
            new StagedBatchSerializer()
                .deserialize(
                    StagedBatchSerializer.VERSION, Arrays.copyOfRange(commit, 8, commit.length));
        pendingCommits.computeIfAbsent(RESTORED, k -> new ArrayList<>()).add(batch);
      }
      completedUpTo = RESTORED;
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    var metrics = getMetricGroup();
    metrics.gauge(ExactlyOnceClickHouseSink.METRIC_UNSTAGED_ROWS, (Gauge<Integer>) this::unstaged);
    metrics.gauge(
        ExactlyOnceClickHouseSink.METRIC_UNCOMMITTED_BATCHES, (Gauge<Integer>) this::uncommitted);
    metrics.gauge(
        ExactlyOnceClickHouseSink.METRIC_UNAVAILABLE,
        (Gauge<Integer>) () -> outage == null ? 0 : 1);
    refusedRows = metrics.counter(ExactlyOnceClickHouseSink.METRIC_REFUSED_ROWS);
    committedRows = metrics.counter(ExactlyOnceClickHouseSink.METRIC_COMMITTED_ROWS);
    commitMillis =
        metrics.histogram(
            ExactlyOnceClickHouseSink.METRIC_COMMIT_MILLIS,
            new DescriptiveStatisticsHistogram(COMMIT_MILLIS_WINDOW));
    tryCommit();
    if (writer.bufferedRows() > 0) {
      scheduleRetry();
    }
  }

  private int unstaged() {
    return writer == null ? 0 : writer.bufferedRows();
  }

  private int uncommitted() {
    return pendingCommits == null ? 0 : pendingCommits.values().stream().mapToInt(List::size).sum();
  }

  @Override
  public void processElement(StreamRecord<T> element) throws Exception {
    writer.write(element.getValue());
    if (writer.chunkFull() && System.currentTimeMillis() >= nextAttemptAt) {
      stage();
    }
    // Backpressure: past the bound, wait here until ClickHouse takes the rows again.
    while (writer.bufferedBytes() > sink.maxPendingBytes() && outage != null) {
      Thread.sleep(Math.max(0, nextAttemptAt - System.currentTimeMillis()));
      stage();
    }
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    if (writer.bufferedRows() > 0 && System.currentTimeMillis() >= nextAttemptAt) {
      stage();
    }
  }

  /**
   * At the end of a bounded input: stages what is buffered. With checkpointing, the final
   * checkpoint commits it; without (a bounded job run as a batch), nothing else will, so it is
   * committed here.
   */
  @Override
  public void finish() throws Exception {
    if (writer.bufferedRows() > 0) {
      stage();
    }
    if (!getOperatorConfig().isCheckpointingEnabled()) {
      pendingCommits.computeIfAbsent(RESTORED, k -> new ArrayList<>()).addAll(stagedSinceSnapshot);
      stagedSinceSnapshot = new ArrayList<>();
      completedUpTo = Long.MAX_VALUE;
      tryCommit();
      if (outage != null || !pendingCommits.isEmpty()) {
        throw new IOException(
            "ClickHouse did not take the last rows of "
                + sink.targetTable()
                + " of a job without checkpoints: "
                + outage);
      }
    }
    super.finish();
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    if (!stagedSinceSnapshot.isEmpty()) {
      pendingCommits.put(context.getCheckpointId(), stagedSinceSnapshot);
      stagedSinceSnapshot = new ArrayList<>();
    }
    List<byte[]> commits = new ArrayList<>();
    StagedBatchSerializer serializer = new StagedBatchSerializer();
    for (Map.Entry<Long, List<StagedBatch>> e : pendingCommits.entrySet()) {
      for (StagedBatch batch : e.getValue()) {
        byte[] b = serializer.serialize(batch);
        commits.add(ByteBuffer.allocate(8 + b.length).putLong(e.getKey()).put(b).array());
      }
    }
    commitsState.update(commits);
    rowsState.update(writer.bufferedRows() == 0 ? List.of() : List.of(writer.snapshotBuffer()));
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    completedUpTo = Math.max(completedUpTo, checkpointId);
    tryCommit();
  }

  /** Stages the buffered rows; refused rows become dead letters, unavailability a retry. */
  private void stage() throws InterruptedException {
    StagingWriter.Outcome outcome = writer.stage();
    stagedSinceSnapshot.addAll(outcome.staged());
    committer.stagedHere(outcome.staged());
    for (StagingWriter.Refused row : outcome.refused()) {
      refusedRows.inc();
      LOG.warn("ClickHouse refused a row of {}: {}", sink.targetTable(), row.error());
      output.collect(new StreamRecord<>(sink.format().deadLetter(row.fields(), row.error())));
    }
    if (outcome.pending()) {
      unavailable("staging", outcome.unavailable());
    } else {
      available();
    }
  }

  /** Commits the batches of completed checkpoints; on failure, tries again after a backoff. */
  private void tryCommit() throws InterruptedException {
    Map<Long, List<StagedBatch>> due = pendingCommits.headMap(completedUpTo, true);
    if (due.isEmpty()) {
      return;
    }
    long firstDue = due.keySet().iterator().next();
    List<StagedBatch> batches = new ArrayList<>();
    due.values().forEach(batches::addAll);
    Set<StagedBatch> retry;
    long start = System.nanoTime();
    try {
      retry = committer.commit(batches);
    } catch (IOException e) {
      unavailable("committing", e);
      return;
    }
    commitMillis.update((System.nanoTime() - start) / 1_000_000);
    for (StagedBatch batch : batches) {
      if (!retry.contains(batch)) {
        committedRows.inc(batch.rows());
      }
    }
    due.clear();
    if (!retry.isEmpty()) {
      pendingCommits.put(firstDue, new ArrayList<>(retry));
      scheduleRetry();
    }
    if (writer.bufferedRows() == 0) {
      available();
    }
  }

  private void unavailable(String what, IOException e) {
    if (outage == null) {
      LOG.warn(
          "ClickHouse is unavailable for {} ({}); {} rows and {} batches wait, retrying every"
              + " few seconds without stopping the pipeline",
          sink.targetTable(),
          what,
          writer.bufferedRows(),
          uncommitted(),
          e);
    }
    outage = e.getMessage();
    nextAttemptAt = System.currentTimeMillis() + backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    scheduleRetry();
  }

  private void available() {
    if (outage != null) {
      LOG.info("ClickHouse takes rows of {} again", sink.targetTable());
    }
    outage = null;
    backoffMs = MIN_BACKOFF_MS;
    nextAttemptAt = 0;
  }

  private void scheduleRetry() {
    if (timerSet) {
      return;
    }
    timerSet = true;
    long at = Math.max(nextAttemptAt, System.currentTimeMillis() + MIN_BACKOFF_MS);
    getProcessingTimeService().registerTimer(at, time -> retry());
  }

  private void retry() throws Exception {
    timerSet = false;
    if (writer.bufferedRows() > 0) {
      stage();
    }
    tryCommit();
    if (writer.bufferedRows() > 0 || outage != null) {
      scheduleRetry();
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (writer != null) {
        writer.close();
      }
    } finally {
      super.close();
    }
  }
}
