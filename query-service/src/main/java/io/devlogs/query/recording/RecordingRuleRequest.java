package io.devlogs.query.recording;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.alerts.InvalidAlertRuleException;
import io.devlogs.query.alerts.JsonBody;
import io.devlogs.recording.RecordingRule;
import java.util.Set;

/**
 * The body of {@code POST /v1/recording/rules} and {@code PUT /v1/recording/rules/{id}}: a rule as
 * the contract's {@link RecordingRule} checks it, so the API refuses exactly what the job could not
 * record.
 *
 * <pre>
 * {"name": "checkout latency",
 *  "definition": {"filter": {"service": "pay", "text": "checkout"}, "aggregation": "p99",
 *                 "field": "duration_ms", "group_by": ["region"], "max_groups": 50},
 *  "enabled": true}
 * </pre>
 */
final class RecordingRuleRequest {
  static final Set<String> FIELDS = Set.of("name", "definition", "enabled");

  /** The id a rule not yet stored is checked with. */
  static final String UNSAVED_ID = "00000000-0000-0000-0000-000000000000";

  private RecordingRuleRequest() {}

  /** Reads and checks a body for the project; 400 naming the first bad field. */
  static RecordingRule parse(String body, String projectId, String id) {
    JsonBody json = JsonBody.parse(body, FIELDS);
    String name = json.requiredText("name", RecordingRule.MAX_NAME_LENGTH);
    JsonNode definition =
        json.node("definition").orElseThrow(() -> JsonBody.badField("definition", "is required"));
    boolean enabled = json.bool("enabled").orElse(true);
    try {
      return RecordingRule.parse(projectId, id, name, definition, enabled, 1);
    } catch (InvalidAlertRuleException e) {
      String prefix = e.field() + ": ";
      String message = e.getMessage();
      throw JsonBody.badField(
          e.field(), message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }
  }
}
