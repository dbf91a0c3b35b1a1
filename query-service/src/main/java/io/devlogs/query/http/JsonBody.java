package io.devlogs.query.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON object request body; a missing or mistyped field is a 400 {@code invalid_body} naming it.
 */
public final class JsonBody {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_BYTES = 64 * 1024;

  private final JsonNode json;

  private JsonBody(JsonNode json) {
    this.json = json;
  }

  public static JsonBody of(Context ctx) {
    byte[] body = ctx.bodyAsBytes();
    if (body.length > MAX_BYTES) {
      throw new ApiException(ErrorCode.TOO_LARGE, "the body is over " + MAX_BYTES + " bytes");
    }
    JsonNode json;
    try {
      json = body.length == 0 ? null : MAPPER.readTree(body);
    } catch (IOException e) {
      throw new ApiException(ErrorCode.INVALID_BODY, "the body is not JSON", null);
    }
    if (json == null || !json.isObject()) {
      throw new ApiException(ErrorCode.INVALID_BODY, "the body must be a JSON object", null);
    }
    return new JsonBody(json);
  }

  public String text(String field) {
    return optionalText(field).orElseThrow(() -> invalid(field, "is required (a string)"));
  }

  public Optional<String> optionalText(String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw invalid(field, "must be a string");
    }
    return Optional.of(value.asText());
  }

  /** The field's JSON value, if present and not null (for fields that are objects or arrays). */
  public Optional<JsonNode> optionalNode(String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  /** The whole body. */
  public JsonNode root() {
    return json;
  }

  public List<String> texts(String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw invalid(field, "must be an array of strings");
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw invalid(field, "must be an array of strings");
      }
      texts.add(item.asText());
    }
    return texts;
  }

  public static ApiException invalid(String field, String problem) {
    return new ApiException(
        ErrorCode.INVALID_BODY, "'" + field + "' " + problem, Map.of("field", field));
  }
}
