package io.devlogs.deadletters;

import java.util.List;
import java.util.Objects;

/**
 * A row of ClickHouse {@code devlogs.dead_letters} (see {@code
 * schema/ddl/clickhouse/004_dead_letters.sql}), which the Flink job writes for every dead letter;
 * ingest reads rows back to replay them, the query service to list them. The column names below are
 * the table's; {@link #read} maps them to the fields, whatever client reads them.
 *
 * @param id column {@value #ID}: deterministic, the same on every read
 * @param project column {@value #PROJECT}: the project, empty when the record named none
 * @param receivedMillis column {@value #RECEIVED_MS}: when ingest first received the record
 * @param cause column {@value #CAUSE}: a {@link DeadLetterCause#code()}, or a code of a newer job
 * @param reason column {@value #REASON}: what was wrong, in words
 * @param value column {@value #VALUE}: the original record as text, whole unless {@code
 *     valueTruncated} (a reader may select only its beginning)
 * @param valueBytes column {@value #VALUE_BYTES}: the original record's size in bytes
 * @param valueTruncated column {@value #VALUE_TRUNCATED}: whether the job stored only the beginning
 * @param format column {@value #FORMAT}: header {@code devlogs-format} ({@code json} or {@code
 *     text}), or null
 * @param stream column {@value #STREAM}: the request's default stream, or null
 * @param service column {@value #SERVICE}: the request's default service, or null
 * @param recordIndex column {@value #RECORD_INDEX}: the record's position in its request, or null
 * @param idempotencyKey column {@value #IDEMPOTENCY_KEY}: the request's {@code Idempotency-Key}, or
 *     null
 * @param source columns {@value #SOURCE_TOPIC}, {@value #SOURCE_PARTITION}, {@value #SOURCE_OFFSET}
 */
public record DeadLetterRow(
    String id,
    String project,
    long receivedMillis,
    String cause,
    String reason,
    String value,
    long valueBytes,
    boolean valueTruncated,
    String format,
    String stream,
    String service,
    String recordIndex,
    String idempotencyKey,
    Source source) {

  /** The table, with its database. */
  public static final String TABLE = "devlogs.dead_letters";

  public static final String PROJECT = "project";
  public static final String RECEIVED_AT = "received_at";
  public static final String RECEIVED_MS = "received_ms";
  public static final String ID = "dead_letter_id";
  public static final String CAUSE = "cause";
  public static final String REASON = "reason";
  public static final String VALUE = "value";
  public static final String VALUE_BYTES = "value_bytes";
  public static final String VALUE_TRUNCATED = "value_truncated";
  public static final String FORMAT = "format";
  public static final String STREAM = "stream";
  public static final String SERVICE = "service";
  public static final String RECORD_INDEX = "record_index";
  public static final String IDEMPOTENCY_KEY = "idempotency_key";
  public static final String SOURCE_TOPIC = "source_topic";
  public static final String SOURCE_PARTITION = "source_partition";
  public static final String SOURCE_OFFSET = "source_offset";
  public static final String RETENTION_DAYS = "retention_days";

  /** Every column the job writes, in the order it writes them. */
  public static final List<String> COLUMNS =
      List.of(
          PROJECT,
          RECEIVED_AT,
          RECEIVED_MS,
          ID,
          CAUSE,
          REASON,
          VALUE,
          VALUE_BYTES,
          VALUE_TRUNCATED,
          FORMAT,
          STREAM,
          SERVICE,
          RECORD_INDEX,
          IDEMPOTENCY_KEY,
          SOURCE_TOPIC,
          SOURCE_PARTITION,
          SOURCE_OFFSET,
          RETENTION_DAYS);

  /** The columns {@link #read} reads: a reader selects these. */
  public static final List<String> READ_COLUMNS =
      COLUMNS.stream().filter(c -> !c.equals(RECEIVED_AT) && !c.equals(RETENTION_DAYS)).toList();

  public DeadLetterRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
  }

  /**
   * Where the job read the record: Kafka topic, partition and offset; for a dead letter the job
   * made after parsing (an event, or a row it derived such as a minute window), the stage that
   * refused it and -1, -1.
   */
  public record Source(String topic, int partition, long offset) {}

  /**
   * The columns of one row of a result, read by name in the client at hand.
   *
   * @param <E> what the client throws
   */
  public interface Columns<E extends Exception> {
    /** A text column, null when it is NULL. */
    String text(String column) throws E;

    /** An integer column. */
    long number(String column) throws E;
  }

  /** The row whose {@link #READ_COLUMNS} {@code columns} reads. */
  public static <E extends Exception> DeadLetterRow read(Columns<E> columns) throws E {
    return new DeadLetterRow(
        columns.text(ID),
        columns.text(PROJECT),
        columns.number(RECEIVED_MS),
        columns.text(CAUSE),
        columns.text(REASON),
        columns.text(VALUE),
        columns.number(VALUE_BYTES),
        columns.number(VALUE_TRUNCATED) != 0,
        columns.text(FORMAT),
        columns.text(STREAM),
        columns.text(SERVICE),
        columns.text(RECORD_INDEX),
        columns.text(IDEMPOTENCY_KEY),
        new Source(
            columns.text(SOURCE_TOPIC),
            (int) columns.number(SOURCE_PARTITION),
            columns.number(SOURCE_OFFSET)));
  }
}
