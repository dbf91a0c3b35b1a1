package io.devlogs.flink.alerts;

import io.devlogs.alerts.AlertTransition;
import io.devlogs.alerts.AlertTransitionJson;
import io.devlogs.flink.config.TransactionalTopic;
import io.devlogs.flink.sinks.RestoreAlignedSink;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes every alert transition to the alerts topic ({@code kafka.alerts-topic}, default {@code
 * devlogs-alerts}): key = project, value = {@link AlertTransitionJson}.
 *
 * <p><b>Delivery guarantee: exactly once for {@code read_committed} readers</b> (the notifier): one
 * Kafka transaction per checkpoint, committed when the checkpoint completes, aborted after a
 * failure; the replayed transitions carry the same idempotency keys. The transactional id prefix
 * ({@code kafka.alerts-transactional-id-prefix}) must be unique per job on a Kafka cluster.
 */
public final class AlertTopicSink {

  public static final String NAME = "Kafka alert transitions";
  public static final String UID = "kafka-alert-transitions-sink";

  private AlertTopicSink() {}

  /** Adds the sink to the stream of transitions. */
  public static DataStreamSink<AlertTransition> attach(
      DataStream<AlertTransition> transitions, TransactionalTopic topic) {
    KafkaSink<AlertTransition> sink =
        KafkaSink.<AlertTransition>builder()
            .setBootstrapServers(topic.bootstrapServers())
            .setRecordSerializer(new Serializer(topic.topic()))
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix(topic.transactionalIdPrefix())
            .build();
    return RestoreAlignedSink.sinkTo(transitions, sink).name(NAME).uid(UID);
  }

  static final class Serializer implements KafkaRecordSerializationSchema<AlertTransition> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    Serializer(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        AlertTransition transition, KafkaSinkContext context, Long timestamp) {
      return new ProducerRecord<>(
          topic,
          transition.project().getBytes(StandardCharsets.UTF_8),
          AlertTransitionJson.write(transition));
    }
  }
}
