package io.devlogs.query.tail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.query.records.LogEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one record value of the parsed-events topic (the job's {@code ParsedEventJson}: {@code id,
 * ts, level, service, stream, message, attributes} and fields the API does not show).
 */
final class ParsedEventDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ParsedEventDecoder() {}

  /**
   * @throws IllegalArgumentException naming the problem when the value is not such an event
   */
  static LogEvent decode(byte[] value) {
    JsonNode node;
    try {
      node = JSON.readTree(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("parsed event is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("parsed event cannot be read: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("parsed event is not a JSON object");
    }
    Instant timestamp;
    try {
      timestamp = Instant.parse(text(node, "ts"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("parsed event field 'ts' is not an ISO-8601 instant", e);
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    node.path("attributes")
        .fields()
        .forEachRemaining(a -> attributes.put(a.getKey(), a.getValue().asText()));
    return new LogEvent(
        text(node, "id"),
        timestamp,
        text(node, "level"),
        text(node, "service"),
        text(node, "stream"),
        text(node, "message"),
        attributes);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("parsed event has no text field '" + field + "'");
    }
    return value.asText();
  }
}
