package io.devlogs.ingest.deadletters;

import java.util.Objects;

/**
 * A dead letter as the job stored it in ClickHouse {@code devlogs.dead_letters}: what a replay
 * needs to send the record again with the headers it first came with.
 *
 * @param id the dead letter's id
 * @param cause its cause code ({@code unparseable}, {@code too_late}, ...)
 * @param value the original record (whole unless {@code valueTruncated})
 * @param valueBytes the original record's size in bytes
 * @param valueTruncated whether the job stored only the beginning of the record
 * @param format header {@code devlogs-format} ({@code json} or {@code text}), or null
 * @param stream the request's default stream, or null
 * @param service the request's default service, or null
 * @param recordIndex header {@code devlogs-index}: the record's position in its request, or null
 * @param idempotencyKey the request's {@code Idempotency-Key}, or null
 * @param receivedMillis when ingest first received the record
 * @param sourcePartition the Kafka partition the job read it from; -1 for a dead letter the job
 *     made after parsing (an event, or a row it derived such as a minute window)
 */
public record StoredDeadLetter(
    String id,
    String cause,
    String value,
    long valueBytes,
    boolean valueTruncated,
    String format,
    String stream,
    String service,
    String recordIndex,
    String idempotencyKey,
    long receivedMillis,
    int sourcePartition) {

  public StoredDeadLetter {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(value, "value");
  }
}
