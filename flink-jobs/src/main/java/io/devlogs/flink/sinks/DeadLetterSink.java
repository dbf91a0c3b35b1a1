package io.devlogs.flink.sinks;

import io.devlogs.flink.config.TransactionalTopic;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.topics.DeadLetterRecord;
import io.devlogs.topics.RawRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes records that could not be parsed to the dead-letter topic: the original key, value and
 * devlogs headers, plus why, the class of the problem and where it was read: {@link
 * DeadLetterRecord}.
 *
 * <p><b>Delivery guarantee: exactly once for {@code read_committed} readers.</b> The Kafka sink
 * writes in a transaction per checkpoint and commits it when the checkpoint completes; records of a
 * failed attempt are aborted, so after any failure and restart each dead letter is in the topic
 * once for consumers with {@code isolation.level=read_committed} (dead letters appear at checkpoint
 * completion). {@code read_uncommitted} readers may also see aborted records. The transactional id
 * prefix ({@code kafka.dead-letter-transactional-id-prefix}) must be unique per job on a Kafka
 * cluster, and the broker's {@code transaction.max.timeout.ms} must allow Flink's 1 h transaction
 * timeout.
 */
public final class DeadLetterSink {

  public static final String NAME = "Kafka dead letters";
  public static final String UID = "kafka-dead-letter-sink";

  private DeadLetterSink() {}

  /** Adds the sink to the stream of dead letters. */
  public static DataStreamSink<DeadLetter> attach(
      DataStream<DeadLetter> deadLetters, TransactionalTopic topic) {
    KafkaSink<DeadLetter> sink =
        KafkaSink.<DeadLetter>builder()
            .setBootstrapServers(topic.bootstrapServers())
            .setRecordSerializer(new Serializer(topic.topic()))
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix(topic.transactionalIdPrefix())
            .build();
    return RestoreAlignedSink.sinkTo(deadLetters, sink).name(NAME).uid(UID);
  }

  /** The Kafka record of a dead letter. */
  public static ProducerRecord<byte[], byte[]> toProducerRecord(String topic, DeadLetter letter) {
    RawLogRecord raw = letter.raw();
    RecordHeaders headers = new RecordHeaders();
    for (RawRecord.Header header :
        DeadLetterRecord.headers(raw.headers(), letter.reason(), raw.source(), letter.cause())) {
      headers.add(header.name(), header.value());
    }
    return new ProducerRecord<>(
        topic,
        null,
        null,
        raw.key() == null ? null : raw.key().getBytes(StandardCharsets.UTF_8),
        raw.value(),
        headers);
  }

  static final class Serializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private final String topic;

    Serializer(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        DeadLetter letter, KafkaSinkContext context, Long timestamp) {
      return toProducerRecord(topic, letter);
    }
  }
}
