package io.devlogs.flink.sources;

import io.devlogs.flink.config.KafkaOptions;
import io.devlogs.flink.records.RawLogRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The Kafka source of the raw topic: consumer group {@code kafka.group-id} (default {@code
 * devlogs-log-pipeline}), committed offsets else the earliest, read_committed. Offsets are
 * committed back to Kafka on each completed checkpoint (for monitoring; the job restores from its
 * own checkpointed offsets).
 */
public final class RawLogSource {

  private RawLogSource() {}

  /** A source builder with the job's settings; tests may change group, offsets and boundedness. */
  public static KafkaSourceBuilder<RawLogRecord> builder(KafkaOptions options) {
    return KafkaSource.<RawLogRecord>builder()
        .setBootstrapServers(options.bootstrapServers())
        .setTopics(options.rawTopic())
        .setGroupId(options.groupId())
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new Deserializer())
        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .setClientIdPrefix(options.groupId());
  }

  /** Wraps every consumed record in a {@link RawLogRecord}; never fails. */
  static final class Deserializer implements KafkaRecordDeserializationSchema<RawLogRecord> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLogRecord> out) {
      out.collect(RawLogRecord.of(record));
    }

    @Override
    public TypeInformation<RawLogRecord> getProducedType() {
      return TypeInformation.of(RawLogRecord.class);
    }
  }
}
