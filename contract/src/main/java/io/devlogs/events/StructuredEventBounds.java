package io.devlogs.events;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@link EventBounds} to a structured event as the Flink job will read it: the id, service
 * and stream it will pick ({@link EventFields}), and the attributes left once nested objects are
 * flattened with dots. Ingest calls it on every JSON event, so a client hears at once what the job
 * would otherwise turn into a dead letter.
 */
public final class StructuredEventBounds {

  /**
   * What a JSON reader of single events enforces: {@link EventBounds#MAX_NESTING_DEPTH} and {@link
   * EventBounds#MAX_NUMBER_CHARS}, like the job's parser; names of any length, so that a long
   * attribute name is reported by {@link #problem} with its bound.
   */
  public static final StreamReadConstraints READ_CONSTRAINTS =
      StreamReadConstraints.builder()
          .maxNestingDepth(EventBounds.MAX_NESTING_DEPTH)
          .maxNumberLength(EventBounds.MAX_NUMBER_CHARS)
          .maxNameLength(Integer.MAX_VALUE)
          .maxStringLength(Integer.MAX_VALUE)
          .build();

  private StructuredEventBounds() {}

  /** The first bound the JSON object {@code event} passes, as a sentence naming it, or null. */
  public static String problem(JsonNode event) {
    Map<String, JsonNode> flat = EventFields.flatten(event);
    String idKey = EventFields.firstPresent(flat, EventFields.ID_KEYS);
    String serviceKey = EventFields.firstPresent(flat, EventFields.SERVICE_KEYS);
    String streamKey = EventFields.firstPresent(flat, EventFields.STREAM_KEYS);
    String problem =
        EventBounds.problem(text(flat, idKey), text(flat, serviceKey), text(flat, streamKey), null);
    if (problem != null) {
      return problem;
    }
    Set<String> fieldKeys =
        new HashSet<>(
            Arrays.asList(
                idKey,
                serviceKey,
                streamKey,
                EventFields.firstPresent(flat, EventFields.TIME_KEYS),
                EventFields.firstPresent(flat, EventFields.LEVEL_KEYS),
                EventFields.messageKey(flat)));
    Set<String> attributes = new HashSet<>();
    for (Map.Entry<String, JsonNode> entry : flat.entrySet()) {
      String name = entry.getKey();
      if (!entry.getValue().isNull() && !fieldKeys.contains(name)) {
        String nameProblem = EventBounds.attributeNameProblem(name);
        if (nameProblem != null) {
          return nameProblem;
        }
        attributes.add(name);
      }
    }
    return EventBounds.attributesProblem(attributes.size(), Set.of());
  }

  /** The bound a JSON reader with {@link #READ_CONSTRAINTS} stopped at, as a sentence. */
  public static String problem(StreamConstraintsException e) {
    String message = e.getOriginalMessage();
    int depth = numberAfter(message, "nesting depth (");
    if (depth > 0) {
      return EventBounds.nestingProblem(depth);
    }
    int digits = numberAfter(message, "length (");
    if (digits > 0 && message.startsWith("Number")) {
      return EventBounds.numberProblem(digits);
    }
    return "JSON past a limit: " + message;
  }

  private static int numberAfter(String message, String marker) {
    int at = message == null ? -1 : message.indexOf(marker);
    if (at < 0) {
      return -1;
    }
    int from = at + marker.length();
    int to = from;
    while (to < message.length() && Character.isDigit(message.charAt(to))) {
      to++;
    }
    return to > from && to - from < 10 ? Integer.parseInt(message.substring(from, to)) : -1;
  }

  private static String text(Map<String, JsonNode> flat, String key) {
    return key == null ? null : EventFields.text(flat.get(key));
  }
}
