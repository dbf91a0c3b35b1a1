package io.devlogs.flink.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.RawLogRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a raw Kafka record into a {@link LogEvent}, following the contract's field rules. Plain
 * Java, thread-safe, never throws for bad input: every problem becomes a {@link ParseResult.Failed}
 * with a reason.
 *
 * <p>JSON rules: time from {@code ts|timestamp|time|@timestamp} (ISO-8601 with offset, or an epoch
 * millis number), level from {@code level|severity}, message from {@code msg|message}, service from
 * {@code service|app}, stream from {@code stream}, id from {@code id}. The first key present in
 * that order wins; every other key (including a losing alias) is an attribute, nested objects
 * flattened with dots, arrays kept as JSON text, {@code null} values left out.
 */
public final class LogEventParser {

  static final List<String> TIME_KEYS = List.of("ts", "timestamp", "time", "@timestamp");
  static final List<String> LEVEL_KEYS = List.of("level", "severity");
  static final List<String> MESSAGE_KEYS = List.of("msg", "message");
  static final List<String> SERVICE_KEYS = List.of("service", "app");
  static final List<String> STREAM_KEYS = List.of("stream");
  static final List<String> ID_KEYS = List.of("id");

  static final String DEFAULT_SERVICE = "unknown";
  static final String DEFAULT_STREAM = "default";

  /** ClickHouse {@code DateTime} holds 1970-01-01T00:00:00Z up to 2106-02-07T06:28:15Z. */
  static final Instant MIN_TIME = Instant.EPOCH;

  static final Instant MAX_TIME = Instant.ofEpochSecond(0xFFFF_FFFFL);

  private static final int MAX_REASON_SNIPPET = 120;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Parses one record. */
  public ParseResult parse(RawLogRecord raw) {
    String project = firstNonBlank(raw.projectHeader(), raw.key());
    if (project == null) {
      return fail("no project id: neither a devlogs-project header nor a record key");
    }
    if (raw.value() == null) {
      return fail("record has no value");
    }
    long receivedAtMillis = receivedAtMillis(raw);
    String format = raw.formatHeader() == null ? "json" : raw.formatHeader().trim();
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "json" -> parseJson(raw, project, receivedAtMillis);
      case "text" -> parseText(raw, project, receivedAtMillis);
      default ->
          fail("unsupported devlogs-format '" + snippet(format) + "' (expected json or text)");
    };
  }

  private ParseResult parseText(RawLogRecord raw, String project, long receivedAtMillis) {
    String line = new String(raw.value(), StandardCharsets.UTF_8);
    line = line.endsWith("\r\n") ? line.substring(0, line.length() - 2) : line;
    line = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    return new ParseResult.Parsed(
        new LogEvent(
            project,
            derivedEventId(raw),
            receivedAtMillis * 1_000_000L,
            Level.INFO,
            orDefault(raw.serviceHeader(), DEFAULT_SERVICE),
            orDefault(raw.streamHeader(), DEFAULT_STREAM),
            line,
            Map.of(),
            receivedAtMillis));
  }

  private ParseResult parseJson(RawLogRecord raw, String project, long receivedAtMillis) {
    JsonNode root;
    try {
      root = JSON.readTree(raw.value());
    } catch (JsonProcessingException e) {
      return fail("invalid JSON: " + snippet(e.getOriginalMessage()));
    } catch (java.io.IOException e) {
      return fail("unreadable value: " + snippet(e.getMessage()));
    }
    if (root == null || root.isMissingNode()) {
      return fail("invalid JSON: empty value");
    }
    if (!root.isObject()) {
      return fail("JSON value is " + describe(root) + ", expected an object");
    }

    Map<String, JsonNode> fields = new LinkedHashMap<>();
    root.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));

    String timeKey = firstPresent(fields, TIME_KEYS);
    long epochNanos;
    if (timeKey == null) {
      epochNanos = receivedAtMillis * 1_000_000L;
    } else {
      Object time = parseTime(fields.get(timeKey));
      if (time instanceof String problem) {
        return fail("field '" + timeKey + "': " + problem);
      }
      epochNanos = (Long) time;
    }

    String levelKey = firstPresent(fields, LEVEL_KEYS);
    Level level = levelKey == null ? Level.INFO : normaliseLevel(fields.get(levelKey));
    String messageKey = firstPresent(fields, MESSAGE_KEYS);
    String message = messageKey == null ? "" : text(fields.get(messageKey));
    String serviceKey = firstPresent(fields, SERVICE_KEYS);
    String service =
        serviceKey == null || text(fields.get(serviceKey)).isBlank()
            ? orDefault(raw.serviceHeader(), DEFAULT_SERVICE)
            : text(fields.get(serviceKey));
    String streamKey = firstPresent(fields, STREAM_KEYS);
    String stream =
        streamKey == null || text(fields.get(streamKey)).isBlank()
            ? orDefault(raw.streamHeader(), DEFAULT_STREAM)
            : text(fields.get(streamKey));
    String idKey = firstPresent(fields, ID_KEYS);
    String eventId =
        idKey == null || text(fields.get(idKey)).isBlank()
            ? derivedEventId(raw)
            : text(fields.get(idKey));

    Set<String> used = new java.util.HashSet<>();
    for (String k : new String[] {timeKey, levelKey, messageKey, serviceKey, streamKey, idKey}) {
      if (k != null) {
        used.add(k);
      }
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
      if (!used.contains(field.getKey())) {
        flatten(field.getKey(), field.getValue(), attributes);
      }
    }
    return new ParseResult.Parsed(
        new LogEvent(
            project,
            eventId,
            epochNanos,
            level,
            service,
            stream,
            message,
            attributes,
            receivedAtMillis));
  }

  /** Epoch nanos as a Long, or a String describing why the value is not a usable time. */
  static Object parseTime(JsonNode node) {
    Instant instant;
    if (node.isNumber()) {
      instant = fromEpochMillis(node.decimalValue());
    } else if (node.isTextual()) {
      String s = node.textValue().trim();
      if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
        instant = fromEpochMillis(new BigDecimal(s));
      } else {
        try {
          instant = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
          return "'"
              + snippet(s)
              + "' is not a time (expected ISO-8601 with offset, e.g."
              + " 2024-05-01T12:00:00.123Z, or epoch millis)";
        }
      }
    } else {
      return describe(node) + " is not a time (expected an ISO-8601 string or epoch millis)";
    }
    if (instant == null || instant.isBefore(MIN_TIME) || instant.isAfter(MAX_TIME)) {
      return "time "
          + snippet(node.asText())
          + " is out of range (1970-01-01T00:00:00Z to 2106-02-07T06:28:15Z)";
    }
    return LogEvent.toEpochNanos(instant);
  }

  private static Instant fromEpochMillis(BigDecimal millis) {
    try {
      long nanos = millis.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
      return Instant.ofEpochSecond(
          Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** Maps common level spellings to a {@link Level}; unknown or missing values are INFO. */
  static Level normaliseLevel(JsonNode node) {
    if (node == null || node.isNull()) {
      return Level.INFO;
    }
    if (node.isIntegralNumber()) {
      // pino/bunyan numeric levels
      return switch (node.asInt()) {
        case 10 -> Level.TRACE;
        case 20 -> Level.DEBUG;
        case 30 -> Level.INFO;
        case 40 -> Level.WARN;
        case 50 -> Level.ERROR;
        case 60 -> Level.FATAL;
        default -> Level.INFO;
      };
    }
    return normaliseLevel(node.asText());
  }

  /** Maps common level spellings to a {@link Level}; unknown or missing values are INFO. */
  public static Level normaliseLevel(String value) {
    if (value == null) {
      return Level.INFO;
    }
    return switch (value.trim().toUpperCase(Locale.ROOT)) {
      case "TRACE", "TRC", "FINEST", "FINER", "VERBOSE" -> Level.TRACE;
      case "DEBUG", "DBG", "FINE" -> Level.DEBUG;
      case "INFO", "INF", "INFORMATION", "NOTICE" -> Level.INFO;
      case "WARN", "WARNING", "WRN" -> Level.WARN;
      case "ERROR", "ERR", "SEVERE" -> Level.ERROR;
      case "FATAL", "CRITICAL", "CRIT", "PANIC", "EMERG", "EMERGENCY", "ALERT" -> Level.FATAL;
      default -> Level.INFO;
    };
  }

  private static void flatten(String key, JsonNode value, Map<String, String> out) {
    if (value.isNull() || value.isMissingNode()) {
      return;
    }
    if (value.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = value.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> child = it.next();
        flatten(key + "." + child.getKey(), child.getValue(), out);
      }
      return;
    }
    out.put(key, text(value));
  }

  /** Strings as they are, everything else as compact JSON text. */
  private static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return "";
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  /** The event id for records without a client id: stable across replays of the same record. */
  public static String derivedEventId(RawLogRecord raw) {
    return UUID.nameUUIDFromBytes(raw.source().getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static long receivedAtMillis(RawLogRecord raw) {
    if (raw.receivedMsHeader() != null) {
      try {
        return Long.parseLong(raw.receivedMsHeader().trim());
      } catch (NumberFormatException e) {
        // fall through to the Kafka timestamp, which ingest sets to the same moment
      }
    }
    return raw.kafkaTimestampMillis();
  }

  private static String firstPresent(Map<String, JsonNode> fields, List<String> keys) {
    for (String key : keys) {
      JsonNode value = fields.get(key);
      if (value != null && !value.isNull()) {
        return key;
      }
    }
    return null;
  }

  private static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a.trim();
    }
    return b != null && !b.isBlank() ? b.trim() : null;
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case OBJECT -> "an object";
      default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String snippet(String s) {
    if (s == null) {
      return "";
    }
    String oneLine = s.replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_REASON_SNIPPET
        ? oneLine
        : oneLine.substring(0, MAX_REASON_SNIPPET) + "...";
  }

  private static ParseResult fail(String reason) {
    return new ParseResult.Failed(reason);
  }
}
