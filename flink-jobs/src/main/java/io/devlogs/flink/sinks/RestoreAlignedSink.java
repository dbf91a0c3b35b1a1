package io.devlogs.flink.sinks;

import java.io.IOException;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * A two-phase-committing sink whose writer learns the restored checkpoint even when the writer is
 * new to the restored state.
 *
 * <p>Why: a job restored from a savepoint taken before a sink existed (the alert transitions' Kafka
 * sink after an upgrade, for example) gives the new sink's task no restore at all, so its writer
 * hears "no restored checkpoint". Flink's Kafka writer (connector 3.4) then starts its
 * transactional ids at checkpoint 1 and, at the first checkpoint N, initialises one producer
 * transaction for every id from 1 to N. At N in the tens of thousands that takes longer than the
 * checkpoint timeout, the checkpoint is declined ({@code TimeoutException ... awaiting
 * InitProducerId}), the job restores from the same savepoint and starts over: the pipeline never
 * completes another checkpoint. Given the id of the checkpoint the job was submitted from, the
 * writer starts right after it, as it does when its own state is restored.
 *
 * <p>Everything but the writer's init context passes through unchanged; a writer whose task is
 * restored keeps the id Flink gives it.
 */
public final class RestoreAlignedSink<IN, StateT, CommT>
    implements Sink<IN>, SupportsWriterState<IN, StateT>, SupportsCommitter<CommT> {

  private static final long serialVersionUID = 1L;

  private final Sink<IN> sink;
  private final long submittedFrom;

  private RestoreAlignedSink(Sink<IN> sink, long submittedFrom) {
    if (!(sink instanceof SupportsWriterState) || !(sink instanceof SupportsCommitter)) {
      throw new IllegalArgumentException(
          "only a stateful two-phase-committing sink needs aligning: " + sink.getClass());
    }
    this.sink = sink;
    this.submittedFrom = submittedFrom;
  }

  /**
   * Adds the sink to the stream, aligned with the checkpoint the stream's job is submitted from
   * ({@link RestoredCheckpoint}); a fresh job gets the sink as it is.
   */
  public static <T> DataStreamSink<T> sinkTo(DataStream<T> stream, Sink<T> sink) {
    OptionalLong restored =
        RestoredCheckpoint.of(stream.getExecutionEnvironment().getConfiguration());
    return stream.sinkTo(
        restored.isPresent() ? new RestoreAlignedSink<>(sink, restored.getAsLong()) : sink);
  }

  @Override
  @SuppressWarnings("deprecation")
  public SinkWriter<IN> createWriter(InitContext context) {
    throw new UnsupportedOperationException("Flink 1.20 creates writers with a WriterInitContext");
  }

  @Override
  public SinkWriter<IN> createWriter(WriterInitContext context) throws IOException {
    return sink.createWriter(aligned(context));
  }

  @Override
  public StatefulSinkWriter<IN, StateT> restoreWriter(
      WriterInitContext context, Collection<StateT> recoveredState) throws IOException {
    return writerState().restoreWriter(aligned(context), recoveredState);
  }

  @Override
  public SimpleVersionedSerializer<StateT> getWriterStateSerializer() {
    return writerState().getWriterStateSerializer();
  }

  @Override
  public Committer<CommT> createCommitter(CommitterInitContext context) throws IOException {
    return committer().createCommitter(context);
  }

  @Override
  public SimpleVersionedSerializer<CommT> getCommittableSerializer() {
    return committer().getCommittableSerializer();
  }

  @SuppressWarnings("unchecked")
  private SupportsWriterState<IN, StateT> writerState() {
    return (SupportsWriterState<IN, StateT>) sink;
  }

  @SuppressWarnings("unchecked")
  private SupportsCommitter<CommT> committer() {
    return (SupportsCommitter<CommT>) sink;
  }

  private WriterInitContext aligned(WriterInitContext context) {
    return context.getRestoredCheckpointId().isPresent()
        ? context
        : new AlignedContext(context, OptionalLong.of(submittedFrom));
  }

  /** The writer's context with the restored checkpoint id filled in. */
  private record AlignedContext(WriterInitContext context, OptionalLong restoredCheckpointId)
      implements WriterInitContext {

    @Override
    public OptionalLong getRestoredCheckpointId() {
      return restoredCheckpointId;
    }

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
      return context.getUserCodeClassLoader();
    }

    @Override
    public MailboxExecutor getMailboxExecutor() {
      return context.getMailboxExecutor();
    }

    @Override
    public ProcessingTimeService getProcessingTimeService() {
      return context.getProcessingTimeService();
    }

    @Override
    public SinkWriterMetricGroup metricGroup() {
      return context.metricGroup();
    }

    @Override
    public SerializationSchema.InitializationContext asSerializationSchemaInitializationContext() {
      return context.asSerializationSchemaInitializationContext();
    }

    @Override
    public boolean isObjectReuseEnabled() {
      return context.isObjectReuseEnabled();
    }

    @Override
    public <T> TypeSerializer<T> createInputSerializer() {
      return context.createInputSerializer();
    }

    @Override
    public <MetaT> Optional<Consumer<MetaT>> metadataConsumer() {
      return context.metadataConsumer();
    }

    @Override
    public JobInfo getJobInfo() {
      return context.getJobInfo();
    }

    @Override
    public TaskInfo getTaskInfo() {
      return context.getTaskInfo();
    }
  }
}
