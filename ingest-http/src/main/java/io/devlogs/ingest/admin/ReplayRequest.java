package io.devlogs.ingest.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.ingest.deadletters.ReplaySelection;
import io.devlogs.projects.KeyExpiry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /v1/admin/dead-letters/replay}, every field optional:
 *
 * <pre>
 * {"cause": ["unparseable", ...], "ids": ["&lt;dead letter id&gt;", ...],
 *  "since": "2026-01-01T00:00:00Z" | "7d", "until": "&lt;instant&gt;", "limit": 1000, "dryRun": false}
 * </pre>
 *
 * {@code since} defaults to {@value #DEFAULT_SINCE} ago (the dead letters' retention), {@code
 * until} to now. Every problem is a 400 naming the field.
 */
final class ReplayRequest {

  static final String DEFAULT_SINCE = "30d";
  static final int DEFAULT_LIMIT = 1_000;
  static final int MAX_LIMIT = 10_000;
  static final int MAX_VALUES = 1_000;

  private static final Pattern CAUSE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

  private static final byte[] EMPTY = {'{', '}'};

  /** The parsed request. */
  record Replay(ReplaySelection selection, boolean dryRun) {}

  private ReplayRequest() {}

  static Replay parse(byte[] body, Instant now) {
    JsonNode json =
        AdminRequests.object(
            body.length == 0 ? EMPTY : body,
            Set.of("cause", "ids", "since", "until", "limit", "dryRun"));
    Instant until = json.has("until") ? instant(json, "until", now) : now;
    Instant since = instant(json, "since", now, DEFAULT_SINCE);
    if (!since.isBefore(until)) {
      throw AdminRequests.badField("since", "must be before until (" + until + ")");
    }
    int limit = DEFAULT_LIMIT;
    if (json.has("limit")) {
      JsonNode value = json.get("limit");
      if (!value.canConvertToInt() || !value.isIntegralNumber()) {
        throw AdminRequests.badField("limit", "must be an integer");
      }
      limit = value.intValue();
      if (limit < 1 || limit > MAX_LIMIT) {
        throw AdminRequests.badField("limit", "must be between 1 and " + MAX_LIMIT);
      }
    }
    boolean dryRun = false;
    if (json.has("dryRun")) {
      if (!json.get("dryRun").isBoolean()) {
        throw AdminRequests.badField("dryRun", "must be true or false");
      }
      dryRun = json.get("dryRun").booleanValue();
    }
    return new Replay(
        new ReplaySelection(
            since, until, strings(json, "cause", CAUSE), strings(json, "ids", ID), limit),
        dryRun);
  }

  private static Instant instant(JsonNode json, String field, Instant now, String fallback) {
    String text = json.has(field) ? text(json, field) : fallback;
    return at(field, text, now);
  }

  private static Instant instant(JsonNode json, String field, Instant now) {
    return at(field, text(json, field), now);
  }

  /** An instant, or a duration back from now ({@code 90m}, {@code 24h}, {@code 7d}). */
  private static Instant at(String field, String text, Instant now) {
    try {
      return KeyExpiry.instant(text);
    } catch (IllegalArgumentException notAnInstant) {
      try {
        Duration back = KeyExpiry.duration(text);
        return now.minus(back);
      } catch (IllegalArgumentException e) {
        throw AdminRequests.badField(
            field, "must be an ISO-8601 instant or a duration like 24h or 7d, got '" + text + "'");
      }
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (!value.isTextual()) {
      throw AdminRequests.badField(field, "must be a string");
    }
    return value.textValue();
  }

  /** A string or an array of strings, each matching {@code pattern}. */
  private static List<String> strings(JsonNode json, String field, Pattern pattern) {
    JsonNode node = json.get(field);
    List<String> values = new ArrayList<>();
    if (node == null) {
      return values;
    }
    if (node.isTextual()) {
      values.add(node.textValue());
    } else if (node.isArray()) {
      for (JsonNode value : node) {
        if (!value.isTextual()) {
          throw AdminRequests.badField(field, "must hold only strings");
        }
        values.add(value.textValue());
      }
    } else {
      throw AdminRequests.badField(field, "must be a string or an array of strings");
    }
    if (values.size() > MAX_VALUES) {
      throw AdminRequests.badField(field, "has more than " + MAX_VALUES + " values");
    }
    for (String value : values) {
      if (!pattern.matcher(value).matches()) {
        throw AdminRequests.badField(
            field,
            "'"
                + (value.length() > 40 ? value.substring(0, 40) + "..." : value)
                + "' is not valid");
      }
    }
    return values;
  }
}
