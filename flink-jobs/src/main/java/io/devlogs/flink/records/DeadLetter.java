package io.devlogs.flink.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A record the pipeline could not store (or not count), with the reason why.
 *
 * @param raw the record as it was read; for an event that was already parsed, the event as JSON in
 *     the form ingest accepts (see {@link #ofEvent}), so it can be replayed
 * @param reason a human-readable description of what was wrong with it
 * @param cause the class of the problem, for counts per reason
 */
public record DeadLetter(RawLogRecord raw, String reason, Cause cause) {

  /** Why a record became a dead letter; {@link #code()} is the stable name users and APIs see. */
  public enum Cause {
    /** The raw record is not a log event (bad JSON, bad UTF-8, no project, ...). */
    UNPARSEABLE,
    /** The event passes a bound of {@code io.devlogs.events.EventBounds}. */
    OUT_OF_BOUNDS,
    /** The event arrived after its minute window closed (it is stored, but not counted). */
    TOO_LATE,
    /** ClickHouse refused the event's row. */
    REFUSED_BY_CLICKHOUSE,
    /** Cassandra refused the event's row. */
    REFUSED_BY_CASSANDRA,
    /** Kafka refused the event's record on the parsed topic. */
    REFUSED_BY_KAFKA;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A raw record that could not be parsed. */
  public DeadLetter(RawLogRecord raw, String reason) {
    this(raw, reason, Cause.UNPARSEABLE);
  }

  /**
   * The dead letter of an event that was already parsed: its value is the event as JSON in the form
   * ingest accepts ({@code id}, {@code ts}, {@code level}, {@code service}, {@code stream}, {@code
   * msg}, then the attributes), its source {@code <stage>/-1/-1} (the Kafka position is not known
   * after parsing).
   */
  public static DeadLetter ofEvent(LogEvent event, String stage, Cause cause, String reason) {
    ObjectNode json = JSON.createObjectNode();
    json.put("id", event.eventId());
    json.put("ts", event.timestamp().toString());
    json.put("level", event.level().name());
    json.put("service", event.service());
    json.put("stream", event.stream());
    json.put("msg", event.message());
    for (Map.Entry<String, String> a : event.attributes().entrySet()) {
      if (!json.has(a.getKey())) {
        json.put(a.getKey(), a.getValue());
      }
    }
    RawLogRecord raw =
        new RawLogRecord(
            event.projectId(),
            json.toString().getBytes(StandardCharsets.UTF_8),
            event.projectId(),
            Long.toString(event.receivedAtMillis()),
            "json",
            event.stream(),
            event.service(),
            stage,
            -1,
            -1,
            event.receivedAtMillis());
    return new DeadLetter(raw, reason, cause);
  }
}
