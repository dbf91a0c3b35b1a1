package io.devlogs.ingest.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Builds the JSON object of one event mapped from another format (OTLP, Loki), with the field names
 * the Flink job reads ({@code ts}, {@code level}, {@code message}, {@code service}, {@code
 * trace_id}, {@code span_id}); every other key is an attribute.
 */
final class EventJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Keys the job reads as event fields. An attribute or label with such a name is stored as {@code
   * attr.<name>}, so that, say, a Loki label {@code id} cannot become the id of every event of its
   * stream (and de-duplicate them away).
   */
  private static final Set<String> FIELD_KEYS =
      Set.of(
          "ts",
          "timestamp",
          "time",
          "@timestamp",
          "level",
          "severity",
          "lvl",
          "levelname",
          "msg",
          "message",
          "service",
          "app",
          "logger",
          "stream",
          "id",
          "trace_id",
          "traceId",
          "traceid",
          "span_id",
          "spanId",
          "spanid");

  private EventJson() {}

  static ObjectNode newEvent() {
    return MAPPER.createObjectNode();
  }

  static void putAttribute(ObjectNode event, String key, JsonNode value) {
    event.set(FIELD_KEYS.contains(key) ? "attr." + key : key, value);
  }

  static void putAttribute(ObjectNode event, String key, String value) {
    event.put(FIELD_KEYS.contains(key) ? "attr." + key : key, value);
  }

  static byte[] bytes(ObjectNode event) {
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  static String tooLargeProblem(int size, int maxEventBytes) {
    return "event is " + size + " bytes, the limit is " + maxEventBytes + " bytes per event";
  }
}
