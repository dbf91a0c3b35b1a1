package io.devlogs.query.recording;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A recording rule's metric per minute over a range, one series per group ({@code GET
 * /v1/recording/rules/{id}/series}). A minute without matching events has no point.
 *
 * @param rule the rule's id
 * @param name the rule's name
 * @param aggregation what each value is ({@code count}, {@code p99}, ...)
 * @param field the numeric attribute aggregated, null for a count
 * @param from the range's start (a whole minute)
 * @param to the range's end, exclusive
 * @param series one per group, in order of their events in the range, the most first
 */
public record RecordedSeries(
    String rule,
    String name,
    String aggregation,
    String field,
    Instant from,
    Instant to,
    List<Group> series) {

  /**
   * One group's points.
   *
   * @param group the group-by fields and their values ({@code {"service": "pay"}}); {@code {}}
   *     without group-by and for the other group
   * @param other whether this holds the events of the groups past the rule's {@code max_groups}
   * @param events the group's matching events in the range
   */
  public record Group(JsonNode group, boolean other, long events, List<Point> points) {}

  /**
   * One minute.
   *
   * @param t the minute's start
   * @param value the aggregation's value; null when no event of the minute carried the field
   * @param events the minute's matching events
   */
  public record Point(Instant t, Double value, long events) {}
}
