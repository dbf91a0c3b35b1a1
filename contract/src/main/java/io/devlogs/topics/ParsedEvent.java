package io.devlogs.topics;

import io.devlogs.flink.records.Level;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event of the parsed topic (live tail), as the Flink job writes it and the query service reads
 * it: the fields of {@link ParsedEventJson}'s schema, the derived ones ({@code ts}, {@code
 * ingest_lag_ms}) left out.
 *
 * @param id the client's {@code id}, else a UUID derived from where the raw record was read
 * @param project the project the event belongs to
 * @param epochNanos the event time in nanoseconds since the epoch (UTC)
 * @param level normalised severity
 * @param service the emitting service
 * @param stream the named stream the event belongs to
 * @param message the log message
 * @param attributes every other field, nested keys flattened with dots; empty if none
 * @param receivedAtMillis when ingest received the event, epoch millis
 * @param sizeBytes UTF-8 size of the raw record the event was parsed from
 * @param retentionDays days the stores keep the event
 * @param patternId the id of the event's log pattern, stable for the pattern's life; empty when the
 *     event has none (written before patterns existed)
 */
public record ParsedEvent(
    String id,
    String project,
    long epochNanos,
    Level level,
    String service,
    String stream,
    String message,
    Map<String, String> attributes,
    long receivedAtMillis,
    int sizeBytes,
    int retentionDays,
    String patternId) {

  /** An event without a pattern. */
  public ParsedEvent(
      String id,
      String project,
      long epochNanos,
      Level level,
      String service,
      String stream,
      String message,
      Map<String, String> attributes,
      long receivedAtMillis,
      int sizeBytes,
      int retentionDays) {
    this(
        id,
        project,
        epochNanos,
        level,
        service,
        stream,
        message,
        attributes,
        receivedAtMillis,
        sizeBytes,
        retentionDays,
        "");
  }

  public ParsedEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(level, "level");
    attributes = attributes == null ? Map.of() : attributes;
    patternId = patternId == null ? "" : patternId;
  }

  /** The event time. */
  public Instant timestamp() {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }

  /** Received time minus event time, in milliseconds; negative for events from the future. */
  public long ingestLagMillis() {
    return receivedAtMillis - Math.floorDiv(epochNanos, 1_000_000L);
  }
}
