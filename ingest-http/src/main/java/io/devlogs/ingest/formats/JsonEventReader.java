package io.devlogs.ingest.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.events.EventBounds;
import io.devlogs.events.StructuredEventBounds;
import java.io.IOException;

/**
 * Reads JSON for ingest with bounds that make every failure a client error: one event is read with
 * the job's limits ({@link StructuredEventBounds#READ_CONSTRAINTS}) and checked against {@link
 * EventBounds}; a whole body (an array of events, a Loki or OTLP request) is read with no limit on
 * names, numbers or strings, which each event's check bounds, so one bad event cannot spoil the
 * framing of the others.
 */
final class JsonEventReader {

  /**
   * Deepest nesting that still frames an array of events: far beyond {@link
   * EventBounds#MAX_NESTING_DEPTH}, so an element nested too deep is one rejected element, yet
   * bounded, since the parser keeps a little state per level.
   */
  static final int MAX_FRAMING_DEPTH = 100_000;

  private static final JsonFactory EVENT =
      JsonFactory.builder().streamReadConstraints(StructuredEventBounds.READ_CONSTRAINTS).build();
  private static final ObjectMapper EVENT_MAPPER = new ObjectMapper(EVENT);

  /** For framing arrays of events with a streaming parser. */
  static final JsonFactory FRAMING = factory(MAX_FRAMING_DEPTH);

  /**
   * For reading a whole Loki or OTLP JSON body as a tree: the events' nesting bound (trees are
   * written back recursively), any name length (an attribute name's bound is checked per event).
   */
  static final ObjectMapper BODY_MAPPER = new ObjectMapper(factory(EventBounds.MAX_NESTING_DEPTH));

  private JsonEventReader() {}

  private static JsonFactory factory(int maxDepth) {
    return JsonFactory.builder()
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxNameLength(Integer.MAX_VALUE)
                .maxNumberLength(Integer.MAX_VALUE)
                .maxStringLength(Integer.MAX_VALUE)
                .build())
        .build();
  }

  /**
   * Why {@code body[from, to)} is not exactly one JSON object within {@link EventBounds}, or null
   * if it is.
   */
  static String problem(byte[] body, int from, int to) {
    try (JsonParser parser = EVENT.createParser(body, from, to - from)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return "expected a JSON object, found " + EventBodyParser.describe(first);
      }
      JsonNode event = EVENT_MAPPER.readTree(parser);
      if (!nothingFollows(parser)) {
        return "unexpected content after the JSON object (one object per line)";
      }
      return StructuredEventBounds.problem(event);
    } catch (StreamConstraintsException e) {
      return StructuredEventBounds.problem(e);
    } catch (JsonParseException e) {
      return "malformed JSON: " + e.getOriginalMessage();
    } catch (IOException e) {
      // Databind wraps what it cannot map; an in-memory read has no other I/O failure.
      return "malformed JSON: " + e.getMessage();
    }
  }

  static boolean nothingFollows(JsonParser parser) throws IOException {
    try {
      return parser.nextToken() == null;
    } catch (JsonParseException e) {
      return false;
    }
  }
}
