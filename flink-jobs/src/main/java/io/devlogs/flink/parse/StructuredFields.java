package io.devlogs.flink.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.devlogs.events.EventFields;
import io.devlogs.flink.records.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the keys of a structured event (a JSON object or a logfmt line) to event fields, with the
 * names real loggers and shippers use. For each field the first key present in the list wins; every
 * other key (including a losing alias) is an attribute.
 *
 * <ul>
 *   <li>time: {@code ts, timestamp, time, @timestamp, __REALTIME_TIMESTAMP} (any form {@link
 *       TimestampParser} reads; numbers are epoch seconds/millis/micros/nanos by magnitude)
 *   <li>level: {@code level, severity, lvl, levelname, log.level, PRIORITY} (words, letters, syslog
 *       0-7, bunyan/pino 10-60; unknown is INFO)
 *   <li>message: {@code msg, message}, else {@code log, short_message, MESSAGE} holding text;
 *       service: {@code service, service.name, app, logger}; stream: {@code stream}; id: {@code id}
 *   <li>attribute {@code trace_id} from {@code trace_id, traceId, trace.id, traceid}; attribute
 *       {@code span_id} from {@code span_id, spanId, span.id, spanid}
 * </ul>
 *
 * Nested objects are flattened with dots before the lookup (so ECS {@code {"trace":{"id":..}}} is
 * {@code trace.id}); arrays stay JSON text; {@code null} values are left out. The keys and the
 * flattening are {@link EventFields}, shared with ingest.
 */
final class StructuredFields {

  static final List<String> TIME_KEYS = EventFields.TIME_KEYS;
  static final List<String> LEVEL_KEYS = EventFields.LEVEL_KEYS;
  static final List<String> MESSAGE_KEYS = EventFields.MESSAGE_KEYS;
  static final List<String> SERVICE_KEYS = EventFields.SERVICE_KEYS;
  static final List<String> STREAM_KEYS = EventFields.STREAM_KEYS;
  static final List<String> ID_KEYS = EventFields.ID_KEYS;
  static final List<String> TRACE_KEYS = EventFields.TRACE_KEYS;
  static final List<String> SPAN_KEYS = EventFields.SPAN_KEYS;

  /** The fields of one structured event. */
  static final class Fields {
    String timeKey;
    long epochNanos = TimestampParser.NONE;

    /** Why the time field is not a time, or null. */
    String timeProblem;

    Level level = Level.INFO;

    /** Whether a level key was present (else {@link #level} is the INFO default). */
    boolean hasLevel;

    /** Whether a message key was present. */
    boolean hasMessage;

    String message = "";
    String service;
    String stream;
    String id;
    final Map<String, String> attributes = new LinkedHashMap<>();
  }

  private StructuredFields() {}

  /** Flattens a JSON object: see {@link EventFields#flatten}. */
  static Map<String, JsonNode> flatten(JsonNode object) {
    return EventFields.flatten(object);
  }

  /** Maps flattened fields; {@code null} values count as absent. */
  static Fields map(Map<String, JsonNode> flat, long receivedMillis) {
    Fields f = new Fields();
    String timeKey = firstPresent(flat, TIME_KEYS);
    String levelKey = firstPresent(flat, LEVEL_KEYS);
    String messageKey = EventFields.messageKey(flat);
    String serviceKey = firstPresent(flat, SERVICE_KEYS);
    String streamKey = firstPresent(flat, STREAM_KEYS);
    String idKey = firstPresent(flat, ID_KEYS);
    String traceKey = firstNonBlank(flat, TRACE_KEYS);
    String spanKey = firstNonBlank(flat, SPAN_KEYS);

    if (timeKey != null) {
      f.timeKey = timeKey;
      JsonNode node = flat.get(timeKey);
      f.epochNanos = time(node, receivedMillis);
      if (f.epochNanos == TimestampParser.NONE) {
        f.timeProblem = timeProblem(node);
      }
    }
    if (levelKey != null) {
      f.level = level(flat.get(levelKey));
      f.hasLevel = true;
    }
    if (messageKey != null) {
      f.message = text(flat.get(messageKey));
      f.hasMessage = true;
    }
    f.service = nonBlankText(flat, serviceKey);
    f.stream = nonBlankText(flat, streamKey);
    f.id = nonBlankText(flat, idKey);

    for (Map.Entry<String, JsonNode> field : flat.entrySet()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (value.isNull() || value.isMissingNode()) {
        continue;
      }
      if (key.equals(traceKey)) {
        f.attributes.put("trace_id", text(value));
      } else if (key.equals(spanKey)) {
        f.attributes.put("span_id", text(value));
      } else if (!key.equals(timeKey)
          && !key.equals(levelKey)
          && !key.equals(messageKey)
          && !key.equals(serviceKey)
          && !key.equals(streamKey)
          && !key.equals(idKey)) {
        f.attributes.putIfAbsent(key, text(value));
      }
    }
    return f;
  }

  /**
   * Logfmt pairs into a {@link ParsedLine}: like JSON, except that a value that is not a time stays
   * an attribute (the line then has no time) instead of failing the record.
   */
  static void fromText(Map<String, String> pairs, long receivedMillis, ParsedLine out) {
    Map<String, JsonNode> flat = new LinkedHashMap<>();
    pairs.forEach((k, v) -> flat.put(k, TextNode.valueOf(v)));
    Fields f = map(flat, receivedMillis);
    out.epochNanos = f.epochNanos;
    out.level = f.level;
    out.message = f.message;
    if (f.timeProblem != null) {
      out.attributes.put(f.timeKey, pairs.get(f.timeKey));
    }
    out.service = f.service;
    out.stream = f.stream;
    out.id = f.id;
    out.attributes.putAll(f.attributes);
  }

  static long time(JsonNode node, long receivedMillis) {
    long nanos;
    if (node.isNumber()) {
      nanos = TimestampParser.fromEpochNumber(node.decimalValue());
    } else if (node.isTextual()) {
      nanos = TimestampParser.parseValue(node.textValue(), receivedMillis);
    } else {
      return TimestampParser.NONE;
    }
    return LogEventParser.inRange(nanos) ? nanos : TimestampParser.NONE;
  }

  private static String timeProblem(JsonNode node) {
    if (node.isNumber()
        || (node.isTextual()
            && TimestampParser.parseValue(node.textValue(), 0) != TimestampParser.NONE)) {
      return "time "
          + LogEventParser.snippet(node.asText())
          + " is out of range (1970-01-01T00:00:00Z to 2106-02-07T06:28:15Z)";
    }
    if (node.isTextual()) {
      return "'"
          + LogEventParser.snippet(node.textValue())
          + "' is not a time (expected ISO-8601, e.g. 2024-05-01T12:00:00.123Z, or epoch"
          + " seconds/millis/micros/nanos)";
    }
    return LogEventParser.describe(node)
        + " is not a time (expected an ISO-8601 string or an epoch number)";
  }

  static Level level(JsonNode node) {
    if (node.isIntegralNumber()) {
      return Level.fromNumber(node.asLong()).orElse(Level.INFO);
    }
    return node.isValueNode() ? Level.fromText(node.asText()).orElse(Level.INFO) : Level.INFO;
  }

  /** Strings as they are, everything else as compact JSON text. */
  static String text(JsonNode node) {
    return EventFields.text(node);
  }

  /** The text of a field, or null when the key is null or the value blank. */
  private static String nonBlankText(Map<String, JsonNode> fields, String key) {
    if (key == null) {
      return null;
    }
    String value = text(fields.get(key));
    return value.isBlank() ? null : value;
  }

  private static String firstPresent(Map<String, JsonNode> fields, List<String> keys) {
    return EventFields.firstPresent(fields, keys);
  }

  private static String firstNonBlank(Map<String, JsonNode> fields, List<String> keys) {
    return EventFields.firstNonBlank(fields, keys);
  }
}
