package io.devlogs.flink.sinks.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.RawLogRecord;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * How {@link ExactlyOnceClickHouseSink} writes one kind of record: the target columns, the target
 * table's partition, and the record as {@code JSONEachRow} fields.
 *
 * <p>The staging table must have the target's {@link #columns()} plus {@code batch_id String} and
 * {@code staged_at DateTime}; the target table must have the columns plus {@code sink_batch
 * String}.
 *
 * @param <T> the record type
 */
public interface ClickHouseRowFormat<T> extends Serializable {

  /** The target columns the record fills, in order (plain identifiers). */
  List<String> columns();

  /**
   * The columns that identify a row (the target's sorting key), used only to copy the missing rows
   * of an interrupted copy. Defaults to all {@link #columns()}.
   */
  default List<String> keyColumns() {
    return columns();
  }

  /**
   * The target table's {@code PARTITION BY} expression over {@link #columns()}, returning an
   * integer, e.g. {@code toYYYYMMDD(ts)}. The committer copies each batch one partition at a time,
   * so each copy is a single part (atomic).
   */
  String partitionExpression();

  /** The value {@link #partitionExpression()} has for this record, e.g. {@code 20240501}. */
  long partitionOf(T record);

  /**
   * Whether all rows of a target partition are past their retention on {@code today} (UTC), so the
   * sink's {@link RetentionSweeper} may drop it. Never, by default.
   */
  default boolean expired(long partition, LocalDate today) {
    return false;
  }

  /**
   * Writes the record's {@link #columns()} as fields of the JSON object the sink has opened. Use
   * the generator's string methods for text: it escapes quotes, backslashes and control characters;
   * other Unicode is written as UTF-8.
   */
  void writeFields(T record, JsonGenerator json) throws IOException;

  /**
   * The dead letter of a row ClickHouse refused: {@code fields} is the row as {@link #writeFields}
   * wrote it (a JSON object's inside). By default its value is the row's JSON object and its
   * project the row's {@code project} field.
   */
  default DeadLetter deadLetter(String fields, String error) {
    String row = "{" + fields + "}";
    String project = RefusedRows.project(row);
    RawLogRecord raw =
        new RawLogRecord(
            project,
            row.getBytes(StandardCharsets.UTF_8),
            project,
            null,
            "json",
            null,
            null,
            "clickhouse",
            -1,
            -1,
            System.currentTimeMillis());
    return new DeadLetter(
        raw, "ClickHouse refused the row: " + error, DeadLetterCause.REFUSED_BY_CLICKHOUSE);
  }
}
