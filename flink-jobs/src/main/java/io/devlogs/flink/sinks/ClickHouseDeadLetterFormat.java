package io.devlogs.flink.sinks;

import com.fasterxml.jackson.core.JsonGenerator;
import io.devlogs.deadletters.DeadLetterRow;
import io.devlogs.events.SafeText;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.NameBasedId;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * {@link DeadLetter}s as rows of {@code devlogs.dead_letters} (see {@code
 * schema/ddl/clickhouse/004_dead_letters.sql}): project, receive time, a deterministic id, cause
 * and reason, the original value (cut at {@value #MAX_VALUE_BYTES} bytes, with its original size),
 * the record's devlogs headers and its source. Partitioned like {@code devlogs.events}, with a
 * fixed retention of {@value #RETENTION_DAYS} days, so the sink's {@code RetentionSweeper} drops
 * expired days whole.
 */
public final class ClickHouseDeadLetterFormat implements ClickHouseRowFormat<DeadLetter> {

  private static final long serialVersionUID = 1L;

  /** Bytes of the original value kept; the rest is cut (on a UTF-8 character boundary). */
  public static final int MAX_VALUE_BYTES = 64 * 1024;

  /** Characters of the reason kept: a store's error message can quote a whole batch. */
  public static final int MAX_REASON_CHARS = 4096;

  /** Days a dead letter is kept. */
  public static final int RETENTION_DAYS = 30;

  private static final ClickHouseEventFormat EVENTS = new ClickHouseEventFormat();

  @Override
  public List<String> columns() {
    return DeadLetterRow.COLUMNS;
  }

  @Override
  public List<String> keyColumns() {
    return List.of(DeadLetterRow.PROJECT, DeadLetterRow.RECEIVED_AT, DeadLetterRow.ID);
  }

  @Override
  public String partitionExpression() {
    return "retention_days * "
        + ClickHouseEventFormat.RETENTION_FACTOR
        + " + toYYYYMMDD(received_at)";
  }

  @Override
  public long partitionOf(DeadLetter letter) {
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(receivedMillis(letter.raw()), 86_400_000L));
    return RETENTION_DAYS * ClickHouseEventFormat.RETENTION_FACTOR
        + day.getYear() * 10_000L
        + day.getMonthValue() * 100L
        + day.getDayOfMonth();
  }

  /** The same rule as {@code devlogs.events}: the day plus its retention is before today. */
  @Override
  public boolean expired(long partition, LocalDate today) {
    return EVENTS.expired(partition, today);
  }

  @Override
  public void writeFields(DeadLetter letter, JsonGenerator json) throws IOException {
    RawLogRecord raw = letter.raw();
    long received = receivedMillis(raw);
    byte[] value = raw.value() == null ? new byte[0] : raw.value();
    int kept = utf8Prefix(value, MAX_VALUE_BYTES);
    json.writeStringField(DeadLetterRow.PROJECT, text(project(raw)));
    json.writeStringField(
        DeadLetterRow.RECEIVED_AT, ClickHouseEventFormat.dateTime(received / 1000L));
    json.writeNumberField(DeadLetterRow.RECEIVED_MS, received);
    json.writeStringField(DeadLetterRow.ID, id(letter));
    json.writeStringField(DeadLetterRow.CAUSE, letter.cause().code());
    json.writeStringField(DeadLetterRow.REASON, reason(letter.reason()));
    json.writeStringField(DeadLetterRow.VALUE, lenientUtf8(value, kept));
    json.writeNumberField(DeadLetterRow.VALUE_BYTES, value.length);
    json.writeNumberField(DeadLetterRow.VALUE_TRUNCATED, kept < value.length ? 1 : 0);
    nullable(json, DeadLetterRow.FORMAT, raw.formatHeader());
    nullable(json, DeadLetterRow.STREAM, raw.streamHeader());
    nullable(json, DeadLetterRow.SERVICE, raw.serviceHeader());
    nullable(json, DeadLetterRow.RECORD_INDEX, raw.indexHeader());
    nullable(json, DeadLetterRow.IDEMPOTENCY_KEY, raw.idempotencyKeyHeader());
    json.writeStringField(DeadLetterRow.SOURCE_TOPIC, text(raw.topic()));
    json.writeNumberField(DeadLetterRow.SOURCE_PARTITION, raw.partition());
    json.writeNumberField(DeadLetterRow.SOURCE_OFFSET, raw.offset());
    json.writeNumberField(DeadLetterRow.RETENTION_DAYS, RETENTION_DAYS);
  }

  /**
   * The dead letter's id: a name-based UUID of its cause and source position, which are unique for
   * a record read from Kafka and the same when a restored job reads it again; for a dead letter
   * made after parsing (no Kafka position, partition -1), of its cause, project and value (the
   * event as JSON, with its event id).
   */
  public static String id(DeadLetter letter) {
    RawLogRecord raw = letter.raw();
    NameBasedId id = new NameBasedId(32).field(letter.cause().code()).field(raw.source());
    if (raw.partition() < 0) {
      id.field(project(raw)).field(raw.value());
    }
    return id.uuid();
  }

  /** The project: header {@code devlogs-project}, else the record key, else empty (nobody's). */
  static String project(RawLogRecord raw) {
    if (raw.projectHeader() != null && !raw.projectHeader().isBlank()) {
      return raw.projectHeader();
    }
    return raw.key() == null ? "" : raw.key();
  }

  /**
   * When ingest received the record: header {@code devlogs-received-ms}, else the Kafka timestamp;
   * clamped to what {@code DateTime} holds.
   */
  static long receivedMillis(RawLogRecord raw) {
    return Math.max(0L, Math.min(raw.receivedAtMillis(), MAX_DATETIME_MILLIS));
  }

  /** 2105-12-31T23:59:59Z: the last second ClickHouse's {@code DateTime} holds on every version. */
  private static final long MAX_DATETIME_MILLIS = 4_291_747_199_000L;

  /**
   * The length of the longest prefix of {@code bytes} of at most {@code max} bytes that does not
   * cut a UTF-8 sequence.
   */
  static int utf8Prefix(byte[] bytes, int max) {
    if (bytes.length <= max) {
      return bytes.length;
    }
    int end = max;
    // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return end;
  }

  /** The first {@code length} bytes as text; bytes that are not UTF-8 become U+FFFD. */
  static String lenientUtf8(byte[] bytes, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder does not throw", e);
    }
  }

  private static String reason(String reason) {
    String safe = text(reason);
    if (safe.length() <= MAX_REASON_CHARS) {
      return safe;
    }
    int end = MAX_REASON_CHARS;
    if (Character.isHighSurrogate(safe.charAt(end - 1))) {
      end--;
    }
    return safe.substring(0, end) + "...";
  }

  private static String text(String s) {
    return s == null ? "" : SafeText.of(s);
  }

  private static void nullable(JsonGenerator json, String field, String value) throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeStringField(field, SafeText.of(value));
    }
  }
}
