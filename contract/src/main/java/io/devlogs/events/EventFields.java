package io.devlogs.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which keys of a structured event (a JSON object, a logfmt line) are event fields, and how nested
 * objects become attribute names: the contract between ingest, which checks an event's bounds as
 * the job will see it, and the Flink job, which maps the keys. For each field the first key present
 * wins; every other key (a losing alias included) is an attribute, {@code trace_id} and {@code
 * span_id} under those names.
 */
public final class EventFields {

  public static final List<String> TIME_KEYS =
      List.of("ts", "timestamp", "time", "@timestamp", "__REALTIME_TIMESTAMP");
  public static final List<String> LEVEL_KEYS =
      List.of("level", "severity", "lvl", "levelname", "log.level", "PRIORITY");
  public static final List<String> MESSAGE_KEYS = List.of("msg", "message");

  /**
   * Keys that hold the message only when they hold text and no {@link #MESSAGE_KEYS} key is there:
   * Docker's json-file {@code log}, GELF's {@code short_message}, journald's {@code MESSAGE} (ECS
   * uses {@code log} for an object, which stays attributes).
   */
  public static final List<String> TEXT_MESSAGE_KEYS = List.of("log", "short_message", "MESSAGE");

  public static final List<String> SERVICE_KEYS =
      List.of("service", "service.name", "app", "logger");
  public static final List<String> STREAM_KEYS = List.of("stream");
  public static final List<String> ID_KEYS = List.of("id");
  public static final List<String> TRACE_KEYS =
      List.of("trace_id", "traceId", "trace.id", "traceid");
  public static final List<String> SPAN_KEYS = List.of("span_id", "spanId", "span.id", "spanid");

  /** Objects nested deeper than this are kept whole, as one attribute of JSON text. */
  public static final int MAX_FLATTENED_DEPTH = 32;

  private EventFields() {}

  /**
   * Flattens a JSON object: nested objects become keys joined with dots ({@code {"a":{"b":1}}} is
   * {@code a.b}), the first of equal keys wins; a message object and arrays stay whole.
   */
  public static Map<String, JsonNode> flatten(JsonNode object) {
    Map<String, JsonNode> flat = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = object.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> field = it.next();
      if (MESSAGE_KEYS.contains(field.getKey())) {
        flat.putIfAbsent(field.getKey(), field.getValue());
      } else {
        flatten(field.getKey(), field.getValue(), flat, 1);
      }
    }
    return flat;
  }

  private static void flatten(String key, JsonNode value, Map<String, JsonNode> out, int depth) {
    if (value.isObject() && depth < MAX_FLATTENED_DEPTH) {
      Iterator<Map.Entry<String, JsonNode>> it = value.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> child = it.next();
        flatten(key + "." + child.getKey(), child.getValue(), out, depth + 1);
      }
    } else {
      out.putIfAbsent(key, value);
    }
  }

  /** The key holding the message: see {@link #MESSAGE_KEYS} and {@link #TEXT_MESSAGE_KEYS}. */
  public static String messageKey(Map<String, JsonNode> fields) {
    String key = firstPresent(fields, MESSAGE_KEYS);
    if (key != null) {
      return key;
    }
    for (String candidate : TEXT_MESSAGE_KEYS) {
      JsonNode value = fields.get(candidate);
      if (value != null && value.isTextual()) {
        return candidate;
      }
    }
    return null;
  }

  /** The first of {@code keys} present with a non-null value, or null. */
  public static String firstPresent(Map<String, JsonNode> fields, List<String> keys) {
    for (String key : keys) {
      JsonNode value = fields.get(key);
      if (value != null && !value.isNull()) {
        return key;
      }
    }
    return null;
  }

  /** The first of {@code keys} whose value is present and not blank text, or null. */
  public static String firstNonBlank(Map<String, JsonNode> fields, List<String> keys) {
    for (String key : keys) {
      JsonNode value = fields.get(key);
      if (value != null && !value.isNull() && !text(value).isBlank()) {
        return key;
      }
    }
    return null;
  }

  /** Strings as they are, everything else as compact JSON text; null is empty. */
  public static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return "";
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
