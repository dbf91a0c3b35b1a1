package io.devlogs.alerts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The value of a {@code devlogs-alerts} record: one UTF-8 JSON object per {@link AlertTransition},
 * written by the job and read by the notifier (the record's key is the project). Fields are only
 * ever added, never renamed or removed; a reader ignores fields it does not know.
 *
 * <pre>
 * {
 *   "project": "p_abc",
 *   "ruleId": "0b7c...-...",
 *   "ruleName": "declined payments",
 *   "ruleVersion": 3,
 *   "fingerprint": "9f86d081884c7d65",
 *   "state": "firing",                         pending, firing or resolved
 *   "previousState": "pending",                resolved when the alert was inactive
 *   "severity": "critical",                    info, warning or critical
 *   "labels": {"team": "pay"},                 plus "silenced": "true" when a silence mutes it
 *   "summary": "declined payments: 12 matching events in 5m (> 10)",
 *   "value": 12,
 *   "threshold": 10,
 *   "at": "2024-05-03T10:00:00.123Z",          when the job decided, UTC, 3 digits
 *   "triggerEventId": "e-17",                  or null
 *   "triggerEventTime": "2024-05-03T10:00:00.100Z",   or null
 *   "idempotencyKey": "p_abc/0b7c.../9f86d081884c7d65/2"
 * }
 * </pre>
 */
public final class AlertTransitionJson {

  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper READER = new ObjectMapper();
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private AlertTransitionJson() {}

  /** The transition as one JSON object on one line, UTF-8. */
  public static byte[] write(AlertTransition t) {
    ByteArrayBuilder bytes = new ByteArrayBuilder(512);
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("project", t.project());
      json.writeStringField("ruleId", t.ruleId());
      json.writeStringField("ruleName", t.ruleName());
      json.writeNumberField("ruleVersion", t.ruleVersion());
      json.writeStringField("fingerprint", t.fingerprint());
      json.writeStringField("state", t.state().wireName());
      json.writeStringField("previousState", t.previousState().wireName());
      json.writeStringField("severity", t.severity().wireName());
      json.writeObjectFieldStart("labels");
      for (Map.Entry<String, String> label : t.labels().entrySet()) {
        json.writeStringField(label.getKey(), label.getValue());
      }
      json.writeEndObject();
      json.writeStringField("summary", t.summary());
      json.writeNumberField("value", t.value());
      json.writeNumberField("threshold", t.threshold());
      json.writeStringField("at", MILLIS.format(t.at()));
      json.writeStringField("triggerEventId", t.triggerEventId());
      json.writeStringField(
          "triggerEventTime",
          t.triggerEventTime() == null ? null : MILLIS.format(t.triggerEventTime()));
      json.writeStringField("idempotencyKey", t.idempotencyKey());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write transition " + t.idempotencyKey(), e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads one record value back.
   *
   * @throws IllegalArgumentException naming the problem when the value is not a transition
   */
  public static AlertTransition read(byte[] value) {
    JsonNode node;
    try {
      node = READER.readTree(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "alert transition is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("alert transition cannot be read: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("alert transition is not a JSON object");
    }
    Map<String, String> labels = new TreeMap<>();
    node.path("labels")
        .fields()
        .forEachRemaining(l -> labels.put(l.getKey(), l.getValue().asText()));
    try {
      return new AlertTransition(
          text(node, "project"),
          text(node, "ruleId"),
          text(node, "ruleName"),
          number(node, "ruleVersion").longValue(),
          text(node, "fingerprint"),
          AlertState.fromWireName(text(node, "state")),
          AlertState.fromWireName(text(node, "previousState")),
          AlertSeverity.fromWireName(text(node, "severity")),
          new TreeMap<>(labels),
          text(node, "summary"),
          number(node, "value").doubleValue(),
          number(node, "threshold").doubleValue(),
          instant(node, "at"),
          node.path("triggerEventId").isTextual() ? node.get("triggerEventId").asText() : null,
          node.path("triggerEventTime").isTextual() ? instant(node, "triggerEventTime") : null,
          text(node, "idempotencyKey"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("alert transition: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("no text field '" + field + "'");
    }
    return value.asText();
  }

  private static Number number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      throw new IllegalArgumentException("no number field '" + field + "'");
    }
    return value.numberValue();
  }

  private static Instant instant(JsonNode node, String field) {
    try {
      return Instant.parse(text(node, field));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("field '" + field + "' is not an ISO-8601 instant", e);
    }
  }
}
