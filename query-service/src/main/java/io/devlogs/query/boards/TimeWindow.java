package io.devlogs.query.boards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.query.http.JsonBody;
import io.devlogs.query.http.JsonMapping;
import io.devlogs.query.logs.LogQuery;
import io.devlogs.query.records.TimeRange;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The time range of a saved search or a dashboard: relative to now ({@code {"last": "1h"}}) or
 * absolute ({@code {"from": "...", "to": "..."}}, ISO-8601 instants), at most {@link
 * LogQuery#MAX_SPAN} long. In JSON exactly as given.
 */
public record TimeWindow(RelativeSpan last, Instant from, Instant to) {

  public static TimeWindow lastOf(String text) {
    return new TimeWindow(RelativeSpan.parse(text, LogQuery.MAX_SPAN), null, null);
  }

  /** Reads the window in the body field {@code field}; 400 {@code invalid_body} naming it. */
  static TimeWindow parse(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      throw JsonBody.invalid(field, "must be {\"last\": \"1h\"} or {\"from\": ..., \"to\": ...}");
    }
    JsonNode last = node.get("last");
    if (last != null && !last.isNull()) {
      if (!last.isTextual() || node.has("from") || node.has("to")) {
        throw JsonBody.invalid(field, "has either 'last' (text) or 'from' and 'to', not both");
      }
      try {
        return lastOf(last.asText());
      } catch (IllegalArgumentException e) {
        throw JsonBody.invalid(field + ".last", e.getMessage());
      }
    }
    Instant from = instant(node.get("from"), field + ".from");
    Instant to = instant(node.get("to"), field + ".to");
    if (!from.isBefore(to)) {
      throw JsonBody.invalid(field, "'from' must be before 'to'");
    }
    if (java.time.Duration.between(from, to).compareTo(LogQuery.MAX_SPAN) > 0) {
      throw JsonBody.invalid(field, "is longer than " + LogQuery.MAX_SPAN.toDays() + " days");
    }
    return new TimeWindow(null, from, to);
  }

  private static Instant instant(JsonNode value, String field) {
    if (value == null || !value.isTextual()) {
      throw JsonBody.invalid(
          field, "is required (an ISO-8601 instant such as 2030-01-01T00:00:00Z)");
    }
    try {
      Instant instant = Instant.parse(value.asText());
      LogQuery.checkStorable(field, instant);
      return instant;
    } catch (DateTimeParseException e) {
      throw JsonBody.invalid(field, "must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
    }
  }

  public boolean relative() {
    return last != null;
  }

  /** The range this window covers when read at {@code now}. */
  public TimeRange at(Instant now) {
    return relative() ? new TimeRange(now.minus(last.duration()), now) : new TimeRange(from, to);
  }

  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    if (relative()) {
      json.put("last", last.text());
    } else {
      json.put("from", JsonMapping.timestamp(from));
      json.put("to", JsonMapping.timestamp(to));
    }
    return json;
  }
}
