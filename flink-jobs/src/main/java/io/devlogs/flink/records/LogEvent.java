package io.devlogs.flink.records;

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
    long receivedAtMillis) {

  public LogEvent {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(message, "message");
    attributes =
        attributes == null || attributes.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
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
