package io.devlogs.query.deadletters;

import io.devlogs.deadletters.DeadLetterRow;
import java.time.Instant;
import java.util.Objects;

/**
 * One dead letter as the API lists it: a record the pipeline could not store, with why.
 *
 * @param id the dead letter's id (deterministic, see {@code ClickHouseDeadLetterFormat} in the job)
 * @param time when ingest received the record
 * @param cause the class of the problem, a stable snake_case code ({@code unparseable}, ...)
 * @param reason what was wrong, in words
 * @param value the original record as text, cut for display at {@link #DISPLAY_CHARS} characters
 * @param valueBytes the original record's size in bytes
 * @param valueTruncated whether {@code value} is shorter than the original record
 * @param format header {@code devlogs-format} of the record ({@code json}, {@code text}), or null
 * @param stream the request's default stream, or null
 * @param service the request's default service, or null
 * @param source where the job read the record (see {@link DeadLetterRow.Source})
 */
public record DeadLetter(
    String id,
    Instant time,
    String cause,
    String reason,
    String value,
    long valueBytes,
    boolean valueTruncated,
    String format,
    String stream,
    String service,
    DeadLetterRow.Source source) {

  /** Characters of the original record an API answer shows at most. */
  public static final int DISPLAY_CHARS = 2048;

  public DeadLetter {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(source, "source");
  }

  /**
   * The dead letter of a stored row whose {@code value} holds at most {@link #DISPLAY_CHARS}
   * characters of the original record's {@code valueChars}.
   */
  public static DeadLetter shown(DeadLetterRow row, long valueChars) {
    return new DeadLetter(
        row.id(),
        Instant.ofEpochMilli(row.receivedMillis()),
        row.cause(),
        row.reason(),
        row.value(),
        row.valueBytes(),
        row.valueTruncated() || valueChars > DISPLAY_CHARS,
        row.format(),
        row.stream(),
        row.service(),
        row.source());
  }
}
