package io.devlogs.flink.sinks;

import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.LogEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.connectors.cassandra.ClusterBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The Flink side of {@link CassandraStreamWriter}: writes each event's row, and emits the dead
 * letters of the rows Cassandra refused. See {@link CassandraStreamSink} for the guarantee.
 *
 * <p>Before each checkpoint barrier ({@link #prepareSnapshotPreBarrier}) it waits for the writes in
 * flight (up to {@code checkpointWait}, less if Cassandra is found unavailable) and emits the dead
 * letters decided, so they belong to the same checkpoint as the rows that are written. The
 * checkpoint then holds every row still pending (operator list state {@value #STATE_NAME}), and a
 * restored operator writes those first.
 */
final class CassandraStreamOperator extends AbstractStreamOperator<DeadLetter>
    implements OneInputStreamOperator<LogEvent, DeadLetter> {

  private static final long serialVersionUID = 1L;

  static final String STATE_NAME = "pending-rows";

  private final ClusterBuilder clusterBuilder;
  private final String keyspace;
  private final CassandraStreamWriter.Limits limits;
  private final CassandraStreamWriter.RowMapping rows;
  private final Duration checkpointWait;
  private final Duration finishTimeout;

  private transient ListState<LogEvent> pendingState;
  private transient List<LogEvent> restored;
  private transient CassandraStreamWriter writer;

  /**
   * @param checkpointWait longest wait for the writes in flight before a checkpoint barrier
   * @param finishTimeout longest wait for every row at the end of a bounded input
   */
  CassandraStreamOperator(
      ClusterBuilder clusterBuilder,
      String keyspace,
      CassandraStreamWriter.Limits limits,
      CassandraStreamWriter.RowMapping rows,
      Duration checkpointWait,
      Duration finishTimeout) {
    this.clusterBuilder = clusterBuilder;
    this.keyspace = keyspace;
    this.limits = limits;
    this.rows = rows;
    this.checkpointWait = checkpointWait;
    this.finishTimeout = finishTimeout;
    setChainingStrategy(ChainingStrategy.ALWAYS); // as the sink it replaces
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    pendingState =
        context
            .getOperatorStateStore()
            .getListState(new ListStateDescriptor<>(STATE_NAME, LogEvent.class));
    restored = new ArrayList<>();
    for (LogEvent event : pendingState.get()) {
      restored.add(event);
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    writer =
        new CassandraStreamWriter(
            new CassandraStreamStore(clusterBuilder, keyspace),
            rows,
            limits,
            "cassandra-stream-writer-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
    registerMetrics(getMetricGroup(), writer);
    if (!restored.isEmpty()) {
      LOG.info("Writing {} pending rows restored from the checkpoint first", restored.size());
      writer.restore(restored);
    }
    restored = null;
  }

  private static void registerMetrics(MetricGroup group, CassandraStreamWriter writer) {
    group.gauge(CassandraStreamSink.REQUESTS_METRIC, (Gauge<Long>) writer::requests);
    group.gauge(CassandraStreamSink.PENDING_ROWS_METRIC, (Gauge<Integer>) writer::pendingRows);
    group.gauge(CassandraStreamSink.ROWS_WRITTEN_METRIC, (Gauge<Long>) writer::rowsWritten);
    group.gauge(CassandraStreamSink.DEAD_LETTERS_METRIC, (Gauge<Long>) writer::deadLetters);
    group.gauge(CassandraStreamSink.RETRIES_METRIC, (Gauge<Long>) writer::retries);
  }

  @Override
  public void processElement(StreamRecord<LogEvent> element) throws Exception {
    writer.add(element.getValue());
    emitDeadLetters();
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    writer.flush(checkpointWait, true);
    emitDeadLetters();
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    pendingState.update(writer.pendingEvents());
  }

  @Override
  public void finish() throws Exception {
    if (!writer.flush(finishTimeout, false)) {
      throw new IOException(
          "Cassandra stream_chunks did not take "
              + writer.pendingRows()
              + " pending rows within "
              + finishTimeout
              + " at the end of the input");
    }
    emitDeadLetters();
    super.finish();
  }

  private void emitDeadLetters() {
    for (DeadLetter letter : writer.takeDeadLetters()) {
      output.collect(new StreamRecord<>(letter));
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
