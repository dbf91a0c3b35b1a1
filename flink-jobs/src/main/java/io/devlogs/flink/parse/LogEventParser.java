package io.devlogs.flink.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.NameBasedId;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.projects.RetentionClass;
import io.devlogs.text.LineGrouper;
import io.devlogs.text.StrictUtf8;
import io.devlogs.topics.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a raw Kafka record into a {@link LogEvent}. Plain Java, thread-safe, never throws for bad
 * input: every problem becomes a {@link ParseResult.Failed} with a reason.
 *
 * <p><b>JSON records</b> ({@code devlogs-format: json}, the default): the keys listed in {@link
 * StructuredFields} give time, level, message, service, stream, id, trace and span ids; every other
 * key is an attribute (nested objects flattened with dots, arrays as JSON text, nulls left out). A
 * time field that is present but not a time fails the record, naming the field.
 *
 * <p><b>Text records</b> ({@code devlogs-format: text}): the first line is the event; its format is
 * detected per line by {@link TextLineParser} (logfmt, log4j/logback/Spark/HDFS/Zookeeper, Python,
 * glog, syslog RFC 3164/5424, Apache/nginx access logs, CRI, any other line with a time or a level
 * found by {@link LinePrefix}, or plain; a line that is a JSON object is read as JSON). Further
 * lines (a stack trace, see {@link LineGrouper}) are appended to the message; a header line whose
 * message is on the next line (java.util.logging, .NET's console) is read with it ({@link
 * TwoLineHeader}). A JSON message that is itself a log line is read as one ({@link
 * EmbeddedMessage}). Fields a line carries become attributes ({@code logger}, {@code thread},
 * {@code pid}, {@code host}, {@code app}, {@code http.*}, ...); text lines never set the service,
 * stream or id except logfmt's {@code service=}, {@code stream=}, {@code id=}, so those come from
 * the headers. A line without a usable time gets the received time; without a level, INFO. Times
 * without a zone are UTC. Text must be UTF-8 without NUL characters.
 */
public final class LogEventParser {

  static final String DEFAULT_SERVICE = "unknown";
  static final String DEFAULT_STREAM = "default";

  /** ClickHouse {@code DateTime} holds 1970-01-01T00:00:00Z up to 2106-02-07T06:28:15Z. */
  static final long MIN_NANOS = 0L;

  static final long MAX_NANOS = 0xFFFF_FFFFL * 1_000_000_000L;

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
    long receivedAtMillis = raw.receivedAtMillis();
    String format = raw.formatHeader() == null ? RawRecord.FORMAT_JSON : raw.formatHeader().trim();
    return switch (format.toLowerCase(Locale.ROOT)) {
      case RawRecord.FORMAT_JSON -> parseJson(raw, project, receivedAtMillis);
      case RawRecord.FORMAT_TEXT -> parseText(raw, project, receivedAtMillis);
      default ->
          fail("unsupported devlogs-format '" + snippet(format) + "' (expected json or text)");
    };
  }

  private ParseResult parseText(RawLogRecord raw, String project, long receivedAtMillis) {
    String text = StrictUtf8.decode(raw.value()).orElse(null);
    if (text == null) {
      return fail("text record is not valid UTF-8 (binary data is not a log line)");
    }
    if (text.indexOf('\0') >= 0) {
      return fail("text record contains NUL characters (binary data is not a log line)");
    }
    List<String> lines = LineGrouper.lines(text);
    if (lines.isEmpty()) {
      return fail("empty text record: no line to parse");
    }
    String first = lines.get(0);
    if (lines.size() == 1 && looksLikeJsonObject(first)) {
      ParseResult json = parseJson(raw, project, receivedAtMillis);
      if (json instanceof ParseResult.Parsed) {
        return json;
      }
    }
    ParsedLine line = new ParsedLine();
    new TextLineParser().parse(first, receivedAtMillis, line);
    int rest = TwoLineHeader.read(line, lines);
    String message = line.message.stripTrailing();
    if (lines.size() > rest) {
      StringBuilder sb = new StringBuilder(text.length()).append(message);
      for (int i = rest; i < lines.size(); i++) {
        sb.append('\n').append(lines.get(i));
      }
      message = sb.toString();
    }
    long epochNanos = inRange(line.epochNanos) ? line.epochNanos : receivedAtMillis * 1_000_000L;
    return new ParseResult.Parsed(
        new LogEvent(
            project,
            line.id != null ? line.id : derivedEventId(raw, inRange(line.epochNanos)),
            epochNanos,
            line.level == null ? Level.INFO : line.level,
            line.service != null ? line.service : orDefault(raw.serviceHeader(), DEFAULT_SERVICE),
            line.stream != null ? line.stream : orDefault(raw.streamHeader(), DEFAULT_STREAM),
            message,
            line.attributes,
            receivedAtMillis,
            raw.value().length,
            RetentionClass.STANDARD.days()));
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
    Map<String, JsonNode> flat = StructuredFields.flatten(root);
    StructuredFields.Fields f = StructuredFields.map(flat, receivedAtMillis);
    if (f.timeProblem != null) {
      return fail("field '" + f.timeKey + "': " + f.timeProblem);
    }
    EmbeddedMessage.expand(f, receivedAtMillis);
    long epochNanos =
        f.epochNanos == TimestampParser.NONE ? receivedAtMillis * 1_000_000L : f.epochNanos;
    return new ParseResult.Parsed(
        new LogEvent(
            project,
            f.id != null ? f.id : derivedEventId(raw, f.epochNanos != TimestampParser.NONE),
            epochNanos,
            f.level,
            f.service != null ? f.service : orDefault(raw.serviceHeader(), DEFAULT_SERVICE),
            f.stream != null ? f.stream : orDefault(raw.streamHeader(), DEFAULT_STREAM),
            f.message,
            f.attributes,
            receivedAtMillis,
            raw.value().length,
            RetentionClass.STANDARD.days()));
  }

  private static boolean looksLikeJsonObject(String line) {
    String t = line.strip();
    return t.length() >= 2 && t.charAt(0) == '{' && t.charAt(t.length() - 1) == '}';
  }

  /** Whether epoch nanos fit the range ClickHouse stores. */
  static boolean inRange(long epochNanos) {
    return epochNanos != TimestampParser.NONE && epochNanos >= MIN_NANOS && epochNanos <= MAX_NANOS;
  }

  /**
   * The event id for records without a client id, deterministic so that a retried client request
   * can be de-duplicated downstream: a name-based UUID of
   *
   * <ul>
   *   <li>(project, idempotency key, index) when ingest passed the request's {@code
   *       Idempotency-Key};
   *   <li>else, when the event carries its own time ({@code carriesTime}), (project, stream and
   *       service headers, value bytes, index): a retried request with the same body gets the same
   *       ids, two identical lines of one request differ by index;
   *   <li>else its Kafka position: stable across replays, never shared by two records. An event
   *       without its own time cannot be told apart from the same line sent again later (a
   *       heartbeat, a cron job's "done"), so only an id or an {@code Idempotency-Key}
   *       de-duplicates its retries. Records that did not come through ingest (no {@code
   *       devlogs-index}) also get this id.
   * </ul>
   *
   * Neither Kafka offsets (in the first two cases) nor the receive time take part.
   */
  public static String derivedEventId(RawLogRecord raw, boolean carriesTime) {
    boolean keyed = raw.indexHeader() != null && raw.idempotencyKeyHeader() != null;
    boolean byContent = raw.indexHeader() != null && carriesTime;
    if (!keyed && !byContent) {
      return UUID.nameUUIDFromBytes(raw.source().getBytes(StandardCharsets.UTF_8)).toString();
    }
    String project = firstNonBlank(raw.projectHeader(), raw.key());
    NameBasedId id = new NameBasedId(64 + raw.value().length);
    if (keyed) {
      id.kind('k').field(project).field(raw.idempotencyKeyHeader()).field(raw.indexHeader().trim());
    } else {
      id.kind('c')
          .field(project)
          .field(raw.streamHeader())
          .field(raw.serviceHeader())
          .field(raw.indexHeader().trim())
          .field(raw.value());
    }
    return id.uuid();
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

  static String describe(JsonNode node) {
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

  static String snippet(String s) {
    if (s == null) {
      return "";
    }
    String head = s.length() > 4 * MAX_REASON_SNIPPET ? s.substring(0, 4 * MAX_REASON_SNIPPET) : s;
    String oneLine = head.replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_REASON_SNIPPET && head.length() == s.length()
        ? oneLine
        : oneLine.substring(0, Math.min(oneLine.length(), MAX_REASON_SNIPPET)) + "...";
  }

  private static ParseResult fail(String reason) {
    return new ParseResult.Failed(reason);
  }
}
