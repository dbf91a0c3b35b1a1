package io.devlogs.flink.sinks;

import io.devlogs.flink.config.TransactionalTopic;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.topics.ParsedEventJson;
import io.devlogs.topics.RawRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes every parsed event to the parsed topic ({@code kafka.parsed-topic}, default {@code
 * devlogs-parsed}) for live tail: key = project id, so one project's events stay in order within a
 * partition; header {@value RawRecord#HEADER_PROJECT}; value = {@link ParsedEventJson}.
 *
 * <p><b>Delivery guarantee: exactly once for {@code read_committed} readers</b>, as {@link
 * DeadLetterSink}: one Kafka transaction per checkpoint, committed when the checkpoint completes
 * (so events appear at checkpoint completion), aborted after a failure. A {@code read_uncommitted}
 * reader (the live tail) sees events as they are written and, after a failure, sees the events of
 * the aborted transaction again, with the same ids, when the job replays them. The transactional id
 * prefix ({@code kafka.parsed-transactional-id-prefix}) must be unique per job on a Kafka cluster
 * and differ from the dead-letter sink's.
 */
public final class ParsedEventSink {

  public static final String NAME = "Kafka parsed events";
  public static final String UID = "kafka-parsed-events-sink";

  /**
   * The producer waits this long to fill a batch: fewer, larger produce requests cost the
   * TaskManager less CPU; the live tail, which reads the topic uncommitted, sees events at most
   * this much later.
   */
  static final String LINGER_MS = "20";

  static final String BATCH_BYTES = String.valueOf(256 * 1024);

  private ParsedEventSink() {}

  /** Adds the sink to the stream of parsed events. */
  public static DataStreamSink<LogEvent> attach(
      DataStream<LogEvent> events, TransactionalTopic topic) {
    KafkaSink<LogEvent> sink =
        KafkaSink.<LogEvent>builder()
            .setBootstrapServers(topic.bootstrapServers())
            .setRecordSerializer(new Serializer(topic.topic()))
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix(topic.transactionalIdPrefix())
            .setProperty(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS)
            .setProperty(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES)
            .build();
    return RestoreAlignedSink.sinkTo(events, sink).name(NAME).uid(UID);
  }

  /** The Kafka record of a parsed event. */
  public static ProducerRecord<byte[], byte[]> toProducerRecord(String topic, LogEvent event) {
    byte[] project = event.projectId().getBytes(StandardCharsets.UTF_8);
    RecordHeaders headers = new RecordHeaders();
    headers.add(RawRecord.HEADER_PROJECT, project);
    return new ProducerRecord<>(
        topic, null, null, project, ParsedEventJson.write(event.toParsedEvent()), headers);
  }

  static final class Serializer implements KafkaRecordSerializationSchema<LogEvent> {
    private final String topic;

    Serializer(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        LogEvent event, KafkaSinkContext context, Long timestamp) {
      return toProducerRecord(topic, event);
    }
  }
}
