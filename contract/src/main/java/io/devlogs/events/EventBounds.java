package io.devlogs.events;

import java.util.Map;

/**
 * The bounds of one stored event, shared by ingest (which answers 400 naming the bound, so a client
 * learns early) and the Flink job (which turns an event past a bound into a dead letter, so no
 * store ever sees it). Each bound keeps a value far inside what every store accepts:
 *
 * <ul>
 *   <li>{@code id} is a Cassandra clustering column and {@code stream} part of a Cassandra
 *       partition key, whose components Cassandra refuses above 64 KiB;
 *   <li>attribute names and counts bound the cost of one event in ClickHouse's {@code attr_keys}
 *       arrays, a Cassandra map and the live tail's JSON, and stop a wide, deeply nested object
 *       from multiplying its key prefixes when it is flattened;
 *   <li>nesting and number lengths are the limits of the JSON parser the job reads events with;
 *   <li>the parsed event's JSON must fit one Kafka record of the parsed topic (see {@link
 *       #MAX_PARSED_EVENT_BYTES}).
 * </ul>
 */
public final class EventBounds {

  /** Longest event id, in characters. */
  public static final int MAX_ID_CHARS = 512;

  /** Longest service name, in characters. */
  public static final int MAX_SERVICE_CHARS = 512;

  /** Longest stream name, in characters. */
  public static final int MAX_STREAM_CHARS = 1024;

  /** Most attributes of one event, after nested objects are flattened. */
  public static final int MAX_ATTRIBUTES = 1000;

  /** Longest attribute name, in characters, after flattening ({@code a.b.c}). */
  public static final int MAX_ATTRIBUTE_NAME_CHARS = 1024;

  /**
   * Deepest nesting of arrays and objects in an event's JSON: the default of Jackson's parser
   * ({@code StreamReadConstraints}), which the job reads events with.
   */
  public static final int MAX_NESTING_DEPTH = 1000;

  /** Longest number in an event's JSON, in characters: Jackson's default, as for the nesting. */
  public static final int MAX_NUMBER_CHARS = 1000;

  /**
   * Largest parsed event as the parsed topic's JSON, in bytes: below Kafka's default {@code
   * max.request.size} (1 MiB) with room for the record's key and headers. Escaping can make the
   * JSON of a 900 KiB text line several times larger (a control character becomes six bytes).
   */
  public static final int MAX_PARSED_EVENT_BYTES = 1_000_000;

  private EventBounds() {}

  /** The first bound the event's fields pass, as a sentence naming it, or null if none. */
  public static String problem(
      String id, String service, String stream, Map<String, String> attributes) {
    String p = tooLong("id", id, MAX_ID_CHARS);
    if (p == null) {
      p = tooLong("service", service, MAX_SERVICE_CHARS);
    }
    if (p == null) {
      p = tooLong("stream", stream, MAX_STREAM_CHARS);
    }
    if (p == null && attributes != null) {
      p = attributesProblem(attributes.size(), attributes.keySet());
    }
    return p;
  }

  /** Why {@code count} attributes with these names pass a bound, or null. */
  public static String attributesProblem(int count, Iterable<String> names) {
    if (count > MAX_ATTRIBUTES) {
      return "event has " + count + " attributes, the limit is " + MAX_ATTRIBUTES;
    }
    for (String name : names) {
      String p = attributeNameProblem(name);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  /** Why an attribute name passes {@link #MAX_ATTRIBUTE_NAME_CHARS}, or null. */
  public static String attributeNameProblem(String name) {
    if (name.length() > MAX_ATTRIBUTE_NAME_CHARS) {
      return "attribute name of "
          + name.length()
          + " characters ('"
          + name.substring(0, 40)
          + "...'), the limit is "
          + MAX_ATTRIBUTE_NAME_CHARS;
    }
    return null;
  }

  /** Why JSON nested {@code depth} levels deep passes {@link #MAX_NESTING_DEPTH}. */
  public static String nestingProblem(int depth) {
    return "JSON nested deeper than " + MAX_NESTING_DEPTH + " levels (" + depth + ")";
  }

  /** Why a number of {@code chars} characters passes {@link #MAX_NUMBER_CHARS}. */
  public static String numberProblem(int chars) {
    return "number of " + chars + " characters, the limit is " + MAX_NUMBER_CHARS;
  }

  /** Why the parsed event's JSON of {@code bytes} bytes is too large, or null. */
  public static String parsedSizeProblem(int bytes) {
    return bytes > MAX_PARSED_EVENT_BYTES
        ? "parsed event is "
            + bytes
            + " bytes of JSON, the limit is "
            + MAX_PARSED_EVENT_BYTES
            + " (control characters count six bytes each)"
        : null;
  }

  private static String tooLong(String field, String value, int max) {
    return value != null && value.length() > max
        ? field + " of " + value.length() + " characters, the limit is " + max
        : null;
  }
}
