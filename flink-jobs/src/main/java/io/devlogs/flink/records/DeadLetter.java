package io.devlogs.flink.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.topics.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A record the pipeline could not store (or not count), with the reason why.
 *
 * @param raw the record as it was read; for an event that was already parsed, the event as JSON in
 *     the form ingest accepts (see {@link #ofEvent}), so it can be replayed
 * @param reason a human-readable description of what was wrong with it
 * @param cause the class of the problem, for counts per reason
 */
public record DeadLetter(RawLogRecord raw, String reason, DeadLetterCause cause) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A raw record that could not be parsed. */
  public DeadLetter(RawLogRecord raw, String reason) {
    this(raw, reason, DeadLetterCause.UNPARSEABLE);
  }

  /**
   * The dead letter of an event that was already parsed: its value is the event as JSON in the form
   * ingest accepts ({@code id}, {@code ts}, {@code level}, {@code service}, {@code stream}, {@code
   * msg}, then the attributes), its source {@code <stage>/-1/-1} (the Kafka position is not known
   * after parsing).
   */
  public static DeadLetter ofEvent(
      LogEvent event, String stage, DeadLetterCause cause, String reason) {
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
            RawRecord.FORMAT_JSON,
            event.stream(),
            event.service(),
            stage,
            -1,
            -1,
            event.receivedAtMillis());
    return new DeadLetter(raw, reason, cause);
  }
}
