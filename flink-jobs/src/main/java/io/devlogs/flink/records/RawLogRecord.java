package io.devlogs.flink.records;

import io.devlogs.topics.DeadLetterRecord;
import io.devlogs.topics.RawRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A raw record of the raw topic exactly as ingest wrote it ({@link RawRecord}): key, value bytes,
 * the devlogs headers and where it was read from. Header fields are {@code null} when the header is
 * absent.
 *
 * @param key the record key (the project id), or null
 * @param value the value bytes: one JSON object or one text line, or null for a tombstone
 * @param projectHeader header {@code devlogs-project}
 * @param receivedMsHeader header {@code devlogs-received-ms} (epoch millis as a decimal string)
 * @param formatHeader header {@code devlogs-format} ({@code json} or {@code text})
 * @param streamHeader header {@code devlogs-stream}: the stream when the event names none
 * @param serviceHeader header {@code devlogs-service}: the service when the event names none
 * @param topic source topic
 * @param partition source partition
 * @param offset source offset
 * @param kafkaTimestampMillis the Kafka record timestamp
 * @param indexHeader header {@code devlogs-index}: the event's position in its ingest request
 * @param idempotencyKeyHeader header {@code devlogs-idempotency-key}: the request's {@code
 *     Idempotency-Key}, when the client sent one
 */
public record RawLogRecord(
    String key,
    byte[] value,
    String projectHeader,
    String receivedMsHeader,
    String formatHeader,
    String streamHeader,
    String serviceHeader,
    String topic,
    int partition,
    long offset,
    long kafkaTimestampMillis,
    String indexHeader,
    String idempotencyKeyHeader) {

  /** A record without the index and idempotency-key headers. */
  public RawLogRecord(
      String key,
      byte[] value,
      String projectHeader,
      String receivedMsHeader,
      String formatHeader,
      String streamHeader,
      String serviceHeader,
      String topic,
      int partition,
      long offset,
      long kafkaTimestampMillis) {
    this(
        key,
        value,
        projectHeader,
        receivedMsHeader,
        formatHeader,
        streamHeader,
        serviceHeader,
        topic,
        partition,
        offset,
        kafkaTimestampMillis,
        null,
        null);
  }

  /** The envelope of a consumed Kafka record; the last header of each name wins. */
  public static RawLogRecord of(ConsumerRecord<byte[], byte[]> record) {
    Headers kafkaHeaders = record.headers();
    RawRecord.Headers headers =
        RawRecord.readHeaders(
            name -> {
              Header header = kafkaHeaders.lastHeader(name);
              return header == null ? null : header.value();
            });
    return new RawLogRecord(
        RawRecord.projectOfKey(record.key()),
        record.value(),
        headers.project(),
        headers.receivedMs(),
        headers.format(),
        headers.stream(),
        headers.service(),
        record.topic(),
        record.partition(),
        record.offset(),
        record.timestamp(),
        headers.index(),
        headers.idempotencyKey());
  }

  /** When ingest received the record, epoch millis (see {@link RawRecord#receivedMillis}). */
  public long receivedAtMillis() {
    return RawRecord.receivedMillis(receivedMsHeader, kafkaTimestampMillis);
  }

  /** {@code topic/partition/offset}: where this record came from. */
  public String source() {
    return DeadLetterRecord.source(topic, partition, offset);
  }

  /** The devlogs headers, as {@link RawRecord} names them. */
  public RawRecord.Headers headers() {
    return new RawRecord.Headers(
        projectHeader,
        receivedMsHeader,
        formatHeader,
        streamHeader,
        serviceHeader,
        indexHeader,
        idempotencyKeyHeader);
  }
}
