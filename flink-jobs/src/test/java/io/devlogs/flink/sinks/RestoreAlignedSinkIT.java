package io.devlogs.flink.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.flink.MiniClusterTier;
import io.devlogs.flink.StackClients;
import io.devlogs.flink.TestOptions;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exactly-once Kafka sink added to a job that resumes from a savepoint taken without it (the
 * alert transitions' sink on the first upgrade to alerts) starts its transactions right after the
 * savepoint's checkpoint, not at checkpoint 1: from 1 it would initialise one transaction per
 * checkpoint id the job ever had, which at a long-running job's ids outlasts the checkpoint timeout
 * and stalls the pipeline for good.
 */
class RestoreAlignedSinkIT {

  @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusterTier.withSlots(2);

  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private final PipelineOptions options = TestOptions.options();
  private final String suffix = TestOptions.randomBase62(8);
  private final String topic = "ras-it-" + suffix;
  private final String prefix = "ras-it-" + suffix;

  @Test
  void aSinkNewToTheRestoredStateStartsItsTransactionsAfterTheSavepoint(
      @InjectMiniCluster MiniCluster cluster, @TempDir Path dir) throws Exception {
    StackClients.createTopics(options, 1, topic);
    JobClient before = submit(null, false);
    awaitCompletedCheckpoints(cluster, before.getJobID(), 3);
    String savepoint =
        before
            .stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
            .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    long savepointId = RestoredCheckpoint.of(restoringFrom(savepoint)).orElseThrow();
    assertThat(savepointId).as("the savepoint follows three checkpoints").isGreaterThan(3);

    JobClient after = submit(savepoint, true);
    try {
      awaitCompletedCheckpoints(cluster, after.getJobID(), 2);
      try (Admin admin = Admin.create(StackClients.kafkaProperties(options))) {
        assertThat(state(admin, prefix + "-0-" + (savepointId + 1)))
            .as("the first transaction follows the savepoint")
            .isNotBlank();
        assertThatThrownBy(() -> state(admin, prefix + "-0-1"))
            .as("no transaction from checkpoint 1 upwards was initialised")
            .hasCauseInstanceOf(TransactionalIdNotFoundException.class);
      }
    } finally {
      after.cancel().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private JobClient submit(String savepoint, boolean withKafka) throws Exception {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(restoringFrom(savepoint));
    env.setParallelism(1);
    env.enableCheckpointing(200);
    DataStream<Long> numbers =
        env.fromSource(
                new DataGeneratorSource<>(
                    index -> index, Long.MAX_VALUE, RateLimiterStrategy.perSecond(20), Types.LONG),
                WatermarkStrategy.noWatermarks(),
                "numbers")
            .uid("numbers");
    numbers.sinkTo(new DiscardingSink<>()).name("discard").uid("discard");
    if (withKafka) {
      // rebalance: the new sink gets a task of its own, one the savepoint knows nothing of
      RestoreAlignedSink.sinkTo(numbers.rebalance(), kafkaSink()).name("kafka").uid("kafka");
    }
    return env.executeAsync("restore-aligned-sink-it-" + suffix);
  }

  private KafkaSink<Long> kafkaSink() {
    String target = topic;
    return KafkaSink.<Long>builder()
        .setBootstrapServers(options.kafka().bootstrapServers())
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(prefix)
        .setRecordSerializer(
            (KafkaRecordSerializationSchema<Long>)
                (number, context, timestamp) ->
                    new ProducerRecord<>(
                        target, String.valueOf(number).getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  private static Configuration restoringFrom(String savepoint) {
    Configuration conf = new Configuration();
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    return conf;
  }

  private static void awaitCompletedCheckpoints(MiniCluster cluster, JobID job, long count) {
    Poll.until(
        DEADLINE,
        () ->
            cluster
                    .getExecutionGraph(job)
                    .get()
                    .getCheckpointStatsSnapshot()
                    .getCounts()
                    .getNumberOfCompletedCheckpoints()
                >= count,
        count + " completed checkpoints of " + job);
  }

  private static String state(Admin admin, String transactionalId)
      throws InterruptedException, ExecutionException {
    return admin
        .describeTransactions(List.of(transactionalId))
        .description(transactionalId)
        .get()
        .state()
        .toString();
  }
}
