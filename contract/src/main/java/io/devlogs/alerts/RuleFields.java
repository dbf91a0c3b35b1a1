package io.devlogs.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.UUID;

/** Field checks shared by the rules the job decides (alert rules, recording rules). */
public final class RuleFields {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RuleFields() {}

  /** The id in its canonical UUID spelling; any other spelling is refused. */
  public static String uuid(String id) {
    try {
      String uuid = UUID.fromString(Objects.requireNonNull(id)).toString();
      if (!uuid.equalsIgnoreCase(id)) {
        throw new IllegalArgumentException(id);
      }
      return uuid;
    } catch (RuntimeException e) {
      throw new InvalidAlertRuleException("id", "must be a UUID");
    }
  }

  /** The JSON of {@code field}, which must be present and parse. */
  public static JsonNode json(String text, String field) {
    if (text == null) {
      throw new InvalidAlertRuleException(field, "is required");
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidAlertRuleException(field, "is not JSON: " + e.getOriginalMessage());
    }
  }
}
