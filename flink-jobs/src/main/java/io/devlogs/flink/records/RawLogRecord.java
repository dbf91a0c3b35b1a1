package io.devlogs.flink.records;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A raw record of the raw topic exactly as ingest wrote it: key, value bytes, the devlogs headers
 * and where it was read from. Header fields are {@code null} when the header is absent.
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

  public static final String HEADER_PROJECT = "devlogs-project";
  public static final String HEADER_RECEIVED_MS = "devlogs-received-ms";
  public static final String HEADER_FORMAT = "devlogs-format";
  public static final String HEADER_STREAM = "devlogs-stream";
  public static final String HEADER_SERVICE = "devlogs-service";
  public static final String HEADER_INDEX = "devlogs-index";
  public static final String HEADER_IDEMPOTENCY_KEY = "devlogs-idempotency-key";

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
    Headers headers = record.headers();
    return new RawLogRecord(
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
        record.value(),
        header(headers, HEADER_PROJECT),
        header(headers, HEADER_RECEIVED_MS),
        header(headers, HEADER_FORMAT),
        header(headers, HEADER_STREAM),
        header(headers, HEADER_SERVICE),
        record.topic(),
        record.partition(),
        record.offset(),
        record.timestamp(),
        header(headers, HEADER_INDEX),
        header(headers, HEADER_IDEMPOTENCY_KEY));
  }

  private static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  /**
   * When ingest received the record, epoch millis: header {@code devlogs-received-ms}, else (absent
   * or not a number) the Kafka timestamp, which ingest sets to the same moment.
   */
  public long receivedAtMillis() {
    if (receivedMsHeader != null) {
      try {
        return Long.parseLong(receivedMsHeader.trim());
      } catch (NumberFormatException e) {
        // fall through to the Kafka timestamp
      }
    }
    return kafkaTimestampMillis;
  }

  /** {@code topic/partition/offset}: where this record came from. */
  public String source() {
    return topic + "/" + partition + "/" + offset;
  }
}
