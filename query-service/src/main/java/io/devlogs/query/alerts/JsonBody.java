package io.devlogs.query.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A request's JSON object body, read field by field: every problem is a 400 {@code invalid_body}
 * whose {@code detail.field} names the field ({@code name}, {@code definition.window_seconds},
 * {@code receivers[1]}). Pure.
 */
public final class JsonBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode root;

  private JsonBody(JsonNode root) {
    this.root = root;
  }

  /** Parses {@code text} as a JSON object; refuses fields not in {@code known}. */
  public static JsonBody parse(String text, Set<String> known) {
    JsonNode root;
    try {
      root = text == null || text.isBlank() ? null : JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ApiException(
          ErrorCode.INVALID_BODY, "the body is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ApiException(ErrorCode.INVALID_BODY, "the body must be a JSON object");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw badField(name, "unknown field; expected one of " + new TreeSet<>(known));
      }
    }
    return new JsonBody(root);
  }

  /** 400 naming the field. */
  public static ApiException badField(String field, String problem) {
    return new ApiException(
        ErrorCode.INVALID_BODY, "field '" + field + "': " + problem, Map.of("field", field));
  }

  /** The field's node, absent when missing or null. */
  public Optional<JsonNode> node(String field) {
    JsonNode node = root.get(field);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
  }

  public Optional<String> text(String field, int maxLength) {
    Optional<JsonNode> node = node(field);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (!node.get().isTextual()) {
      throw badField(field, "must be a string");
    }
    String value = node.get().asText();
    if (value.length() > maxLength) {
      throw badField(field, "longer than " + maxLength + " characters");
    }
    return Optional.of(value);
  }

  public String requiredText(String field, int maxLength) {
    String value = text(field, maxLength).orElseThrow(() -> badField(field, "is required"));
    if (value.isBlank()) {
      throw badField(field, "must not be blank");
    }
    return value;
  }

  public Optional<Integer> integer(String field, int min, int max) {
    Optional<JsonNode> node = node(field);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (!node.get().canConvertToInt() || !node.get().isIntegralNumber()) {
      throw badField(field, "must be an integer");
    }
    int value = node.get().intValue();
    if (value < min || value > max) {
      throw badField(field, "must be between " + min + " and " + max + ", was " + value);
    }
    return Optional.of(value);
  }

  public Optional<Boolean> bool(String field) {
    Optional<JsonNode> node = node(field);
    if (node.isPresent() && !node.get().isBoolean()) {
      throw badField(field, "must be true or false");
    }
    return node.map(JsonNode::booleanValue);
  }

  public Optional<Instant> instant(String field) {
    Optional<String> text = text(field, 64);
    try {
      return text.map(t -> OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      throw badField(field, "not an ISO-8601 time with offset (e.g. 2024-05-01T10:00:00Z)");
    }
  }

  public Optional<UUID> uuid(String field) {
    return text(field, 64).map(t -> uuid(field, t));
  }

  /** A list of UUID strings; absent means empty. */
  public List<UUID> uuids(String field, int max) {
    Optional<JsonNode> node = node(field);
    if (node.isEmpty()) {
      return List.of();
    }
    if (!node.get().isArray()) {
      throw badField(field, "must be an array of ids");
    }
    if (node.get().size() > max) {
      throw badField(field, "more than " + max + " entries");
    }
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < node.get().size(); i++) {
      String path = field + "[" + i + "]";
      JsonNode item = node.get().get(i);
      if (!item.isTextual()) {
        throw badField(path, "must be an id (a UUID string)");
      }
      UUID id = uuid(path, item.asText());
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  /** An object of string values; absent means empty. */
  public Map<String, String> stringMap(String field, int maxEntries, int maxLength) {
    Optional<JsonNode> node = node(field);
    if (node.isEmpty()) {
      return Map.of();
    }
    if (!node.get().isObject()) {
      throw badField(field, "must be an object of strings");
    }
    if (node.get().size() > maxEntries) {
      throw badField(field, "more than " + maxEntries + " entries");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.get().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path = field + "." + entry.getKey();
      if (!entry.getValue().isTextual()) {
        throw badField(path, "must be a string");
      }
      if (entry.getKey().isEmpty() || entry.getKey().length() > maxLength) {
        throw badField(path, "name must have 1 to " + maxLength + " characters");
      }
      if (entry.getValue().asText().length() > maxLength) {
        throw badField(path, "longer than " + maxLength + " characters");
      }
      out.put(entry.getKey(), entry.getValue().asText());
    }
    return out;
  }

  /** A path parameter or field that must be a UUID: 404 for a path, 400 for a field. */
  public static UUID uuid(String field, String text) {
    try {
      UUID id = UUID.fromString(text);
      if (!id.toString().equalsIgnoreCase(text)) {
        throw new IllegalArgumentException("not canonical");
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw badField(field, "not an id (a UUID such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427)");
    }
  }
}
