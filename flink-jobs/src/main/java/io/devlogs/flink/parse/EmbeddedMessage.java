package io.devlogs.flink.parse;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message of a structured event that is itself a log line: a Loki entry, an OTLP body, a Docker
 * {@code log} field. Read the same way as a record of its own:
 *
 * <ul>
 *   <li>a JSON object ({@code {"level":"error","msg":"boom","user":{"id":7}}}) or a logfmt line
 *       ({@code level=error msg=boom user=7}) gives its fields: its message replaces the text, its
 *       level, time and service fill what the outer event lacks, its other keys (nested ones
 *       flattened with dots) become attributes unless the outer event has them;
 *   <li>any other text, when the outer event has no level, goes through {@link TextLineParser}: a
 *       level it finds becomes the event's level and the message loses its prefix ({@code INFO: log
 *       line here} becomes {@code log line here}); its time is used when the event has none.
 * </ul>
 *
 * The outer event's own fields win: a Loki or OTLP timestamp (nanoseconds) stays the event time.
 */
final class EmbeddedMessage {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private EmbeddedMessage() {}

  /** Expands the message of {@code f} in place. */
  static void expand(StructuredFields.Fields f, long receivedMillis) {
    String text = f.message;
    if (text.isEmpty()) {
      return;
    }
    String trimmed = text.strip();
    if (trimmed.length() >= 2
        && trimmed.charAt(0) == '{'
        && trimmed.charAt(trimmed.length() - 1) == '}') {
      JsonNode inner = readObject(trimmed);
      if (inner != null) {
        merge(f, StructuredFields.map(StructuredFields.flatten(inner), receivedMillis));
        return;
      }
    }
    int newline = text.indexOf('\n');
    String first = newline < 0 ? text : text.substring(0, newline);
    Map<String, String> pairs = LogfmtLine.read(first);
    if (pairs != null && newline < 0) {
      Map<String, JsonNode> flat = new LinkedHashMap<>();
      pairs.forEach((k, v) -> flat.put(k, TextNode.valueOf(v)));
      merge(f, StructuredFields.map(flat, receivedMillis));
      return;
    }
    if (f.hasLevel) {
      return;
    }
    ParsedLine line = new ParsedLine();
    new TextLineParser().parse(first, receivedMillis, line);
    if (line.level == null) {
      return;
    }
    f.level = line.level;
    f.hasLevel = true;
    String message = line.message.stripTrailing();
    f.message = newline < 0 ? message : message + text.substring(newline);
    if (f.epochNanos == TimestampParser.NONE && LogEventParser.inRange(line.epochNanos)) {
      f.epochNanos = line.epochNanos;
    }
    line.attributes.forEach(f.attributes::putIfAbsent);
  }

  private static void merge(StructuredFields.Fields f, StructuredFields.Fields inner) {
    if (!f.hasLevel && inner.hasLevel) {
      f.level = inner.level;
      f.hasLevel = true;
    }
    if (inner.hasMessage) {
      f.message = inner.message;
    }
    if (f.epochNanos == TimestampParser.NONE && inner.timeProblem == null) {
      f.epochNanos = inner.epochNanos;
    }
    if (f.service == null) {
      f.service = inner.service;
    }
    if (inner.id != null) {
      f.attributes.putIfAbsent("id", inner.id);
    }
    if (inner.stream != null) {
      f.attributes.putIfAbsent("stream", inner.stream);
    }
    inner.attributes.forEach(f.attributes::putIfAbsent);
  }

  private static JsonNode readObject(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (IOException | RuntimeException e) {
      return null; // not JSON after all: the text stays the message
    }
  }
}
