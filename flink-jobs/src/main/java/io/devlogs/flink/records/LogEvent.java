package io.devlogs.flink.records;

import io.devlogs.projects.RetentionClass;
import io.devlogs.topics.ParsedEvent;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One typed log event of one project, as the pipeline writes it to ClickHouse and Cassandra.
 *
 * @param projectId the project the event belongs to
 * @param eventId the client's {@code id}, else a name-based UUID of the Kafka
 *     topic/partition/offset
 * @param epochNanos the event time in nanoseconds since the epoch (UTC)
 * @param level normalised severity
 * @param service the emitting service
 * @param stream the named stream the event belongs to
 * @param message the log message
 * @param attributes every other field, nested keys flattened with dots, values as strings
 * @param receivedAtMillis when ingest received the event, epoch millis
 * @param sizeBytes UTF-8 size of the raw Kafka record value the event was parsed from
 * @param retentionDays days the stores keep the event (its project's retention class, set by
 *     enrichment; {@link RetentionClass#STANDARD} until then)
 * @param patternId the id of the event's log pattern (set by {@code
 *     io.devlogs.flink.patterns.MinePatterns}; empty until then)
 */
@TypeInfo(LogEventTypeInfoFactory.class)
public record LogEvent(
    String projectId,
    String eventId,
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

  /** An event without a pattern yet (what the parser and enrichment make). */
  public LogEvent(
      String projectId,
      String eventId,
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
        projectId,
        eventId,
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

  /** An event of unknown size with the default retention (tests and hand-made events). */
  public LogEvent(
      String projectId,
      String eventId,
      long epochNanos,
      Level level,
      String service,
      String stream,
      String message,
      Map<String, String> attributes,
      long receivedAtMillis) {
    this(
        projectId,
        eventId,
        epochNanos,
        level,
        service,
        stream,
        message,
        attributes,
        receivedAtMillis,
        0,
        RetentionClass.STANDARD.days());
  }

  public LogEvent {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(message, "message");
    patternId = patternId == null ? "" : patternId;
    attributes =
        attributes == null || attributes.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    if (sizeBytes < 0 || retentionDays < 1) {
      throw new IllegalArgumentException(
          "sizeBytes must be >= 0 and retentionDays >= 1, got " + sizeBytes + ", " + retentionDays);
    }
  }

  /** This event with another message, attributes and retention (what enrichment changes). */
  public LogEvent enriched(String message, Map<String, String> attributes, int retentionDays) {
    return new LogEvent(
        projectId,
        eventId,
        epochNanos,
        level,
        service,
        stream,
        message,
        attributes,
        receivedAtMillis,
        sizeBytes,
        retentionDays,
        patternId);
  }

  /** This event in the log pattern {@code id}. */
  public LogEvent withPattern(String id) {
    return new LogEvent(
        projectId,
        eventId,
        epochNanos,
        level,
        service,
        stream,
        message,
        attributes,
        receivedAtMillis,
        sizeBytes,
        retentionDays,
        id);
  }

  /** This event as the parsed topic carries it (live tail). */
  public ParsedEvent toParsedEvent() {
    return new ParsedEvent(
        eventId,
        projectId,
        epochNanos,
        level,
        service,
        stream,
        message,
        attributes,
        receivedAtMillis,
        sizeBytes,
        retentionDays,
        patternId);
  }

  /** The event time in epoch milliseconds (rounded down). */
  public long epochMillis() {
    return Math.floorDiv(epochNanos, 1_000_000L);
  }

  /** Received time minus event time, in milliseconds; negative for events from the future. */
  public long ingestLagMillis() {
    return receivedAtMillis - epochMillis();
  }

  /** The event time as an {@link Instant}. */
  public Instant timestamp() {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }

  /** Nanoseconds since the epoch of an instant; throws ArithmeticException outside 1677..2262. */
  public static long toEpochNanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }
}
