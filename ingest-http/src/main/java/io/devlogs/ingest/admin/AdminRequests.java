package io.devlogs.ingest.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.projects.KeyExpiry;
import io.devlogs.projects.Scope;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses the JSON bodies of the admin API; every problem is a 400 naming the field. */
final class AdminRequests {

  /** Admin bodies are a few fields; anything larger is not one. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** {@code {"name": "..."}}: the new project's name (checked further by the store). */
  record NewProject(String name) {}

  /**
   * {@code {"scopes": ["ingest", ...], "expiresAt": "<instant>"}} or {@code "expiresIn": "30d"}.
   */
  record NewKey(Set<Scope> scopes, Instant expiresAt) {}

  private AdminRequests() {}

  static NewProject newProject(byte[] body) {
    JsonNode json = object(body, Set.of("name"));
    JsonNode name = json.get("name");
    if (name == null || !name.isTextual()) {
      throw badField("name", "must be a string");
    }
    return new NewProject(name.textValue());
  }

  static NewKey newKey(byte[] body, Instant now) {
    JsonNode json = object(body, Set.of("scopes", "expiresAt", "expiresIn"));
    JsonNode scopesNode = json.get("scopes");
    if (scopesNode == null || !scopesNode.isArray() || scopesNode.isEmpty()) {
      throw badField("scopes", "must be a non-empty array of 'ingest', 'query', 'admin'");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode scope : scopesNode) {
      if (!scope.isTextual()) {
        throw badField("scopes", "must hold only strings");
      }
      names.add(scope.textValue());
    }
    Set<Scope> scopes;
    try {
      scopes = Scope.fromDbValues(names);
    } catch (IllegalArgumentException e) {
      throw badField("scopes", e.getMessage());
    }
    if (json.has("expiresAt") && json.has("expiresIn")) {
      throw badField("expiresAt", "give either 'expiresAt' or 'expiresIn', not both");
    }
    Instant expiresAt = null;
    try {
      if (json.has("expiresAt")) {
        expiresAt = KeyExpiry.instant(text(json, "expiresAt"));
      } else if (json.has("expiresIn")) {
        expiresAt = now.plus(KeyExpiry.duration(text(json, "expiresIn")));
      }
    } catch (IllegalArgumentException e) {
      throw badField(json.has("expiresAt") ? "expiresAt" : "expiresIn", e.getMessage());
    }
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw badField("expiresAt", "is not in the future: " + expiresAt);
    }
    return new NewKey(scopes, expiresAt);
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (!value.isTextual()) {
      throw badField(field, "must be a string");
    }
    return value.textValue();
  }

  static JsonNode object(byte[] body, Set<String> fields) {
    if (body.length > MAX_BODY_BYTES) {
      throw new ApiException(
          ErrorCode.TOO_LARGE,
          "request body is larger than " + MAX_BODY_BYTES + " bytes",
          Map.of("limitBytes", MAX_BODY_BYTES));
    }
    JsonNode json;
    try {
      json = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiException(
          ErrorCode.INVALID_BODY,
          "invalid JSON body: " + e.getOriginalMessage(),
          Map.of("problem", "invalid JSON"));
    } catch (IOException e) {
      throw new ApiException(
          ErrorCode.INVALID_BODY, "could not read the request body: " + e.getMessage(), null);
    }
    if (json == null || !json.isObject()) {
      throw new ApiException(ErrorCode.INVALID_BODY, "the body must be a JSON object", null);
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw badField(name, "is not a known field; expected " + String.join(", ", fields));
      }
    }
    return json;
  }

  static ApiException badField(String field, String problem) {
    return new ApiException(
        ErrorCode.INVALID_BODY, "'" + field + "' " + problem, Map.of("field", field));
  }
}
