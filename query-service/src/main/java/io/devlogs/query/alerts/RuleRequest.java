package io.devlogs.query.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.alerts.AlertRule;
import io.devlogs.alerts.InvalidAlertRuleException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The body of {@code POST /v1/alerts/rules}, {@code PUT /v1/alerts/rules/{id}} and {@code POST
 * /v1/alerts/preview}: a rule as the contract's {@link AlertRule} checks it (so the API refuses
 * exactly what the job could not evaluate), plus the ids of the receivers it notifies.
 *
 * <pre>
 * {"name": "card declines", "kind": "match_count",
 *  "definition": {"filter": {"service": "pay", "text": "declined"}, "window_seconds": 300,
 *                 "op": ">", "threshold": 10},
 *  "forSeconds": 60, "severity": "critical", "labels": {"team": "payments"},
 *  "description": "{{value}} declines in {{window}}", "enabled": true,
 *  "receivers": ["1b4e28ba-2fa1-11d2-883f-0016d3cca427"]}
 * </pre>
 */
public record RuleRequest(AlertRule rule, List<UUID> receivers) {
  public static final Set<String> FIELDS =
      Set.of(
          "name",
          "kind",
          "definition",
          "forSeconds",
          "severity",
          "labels",
          "description",
          "enabled",
          "receivers");
  public static final int MAX_RECEIVERS = 20;

  /** The id a rule not yet stored is checked with. */
  static final String UNSAVED_ID = "00000000-0000-0000-0000-000000000000";

  public RuleRequest {
    receivers = List.copyOf(receivers);
  }

  /**
   * Reads and checks a body for the project; {@code id} and {@code version} are the stored rule's
   * (or placeholders for a new one). 400 naming the first bad field.
   */
  public static RuleRequest parse(String body, String projectId, String id, long version) {
    JsonBody json = JsonBody.parse(body, FIELDS);
    String name = json.requiredText("name", AlertRule.MAX_NAME_LENGTH);
    String kind = json.requiredText("kind", 32);
    JsonNode definition =
        json.node("definition").orElseThrow(() -> JsonBody.badField("definition", "is required"));
    int forSeconds = json.integer("forSeconds", 0, AlertRule.MAX_FOR_SECONDS).orElse(0);
    String severity = json.text("severity", 16).orElse("warning");
    JsonNode labels = json.node("labels").orElse(null);
    String description = json.text("description", AlertRule.MAX_DESCRIPTION_LENGTH).orElse("");
    boolean enabled = json.bool("enabled").orElse(true);
    List<UUID> receivers = json.uuids("receivers", MAX_RECEIVERS);
    AlertRule rule;
    try {
      rule =
          AlertRule.parse(
              projectId,
              id,
              name,
              kind,
              definition,
              forSeconds,
              severity,
              labels,
              description,
              enabled,
              version);
    } catch (InvalidAlertRuleException e) {
      throw invalid(e);
    }
    return new RuleRequest(rule, receivers);
  }

  /** 400 naming the field the contract refused. */
  static RuntimeException invalid(InvalidAlertRuleException e) {
    String prefix = e.field() + ": ";
    String message = e.getMessage();
    String problem = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    return JsonBody.badField(bodyField(e.field()), problem);
  }

  /** The contract names the row's columns; the API's body spells two of them differently. */
  static String bodyField(String column) {
    return column.equals("for_seconds") ? "forSeconds" : column;
  }
}
