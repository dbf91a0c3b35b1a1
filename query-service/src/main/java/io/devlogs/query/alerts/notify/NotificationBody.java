package io.devlogs.query.alerts.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.alerts.AlertSeverity;
import io.devlogs.alerts.AlertState;
import io.devlogs.alerts.AlertTransition;
import io.devlogs.alerts.AlertTransitionJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body a receiver gets for a transition, by its kind; pure. The generic webhook body is the
 * transition exactly as the job wrote it to the alerts topic ({@link AlertTransitionJson}), so its
 * fields are documented once.
 */
public final class NotificationBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NotificationBody() {}

  /** The body for {@code receiver}: UTF-8 JSON for the HTTP kinds, plain text for e-mail. */
  public static byte[] of(Receiver receiver, AlertTransition transition) {
    return switch (receiver.kind()) {
      case WEBHOOK -> AlertTransitionJson.write(transition);
      case SLACK -> slack(transition);
      case PAGERDUTY -> pagerDuty(transition, receiver.routingKey());
      case EMAIL -> emailText(transition).getBytes(StandardCharsets.UTF_8);
    };
  }

  /** {@code [FIRING] rule-name}: the first line of every human-readable form. */
  public static String title(AlertTransition transition) {
    return "["
        + transition.state().name()
        + "] "
        + transition.ruleName()
        + " ("
        + transition.severity().wireName()
        + ")";
  }

  /** A Slack incoming-webhook body: {@code text} for notifications, {@code blocks} for layout. */
  static byte[] slack(AlertTransition transition) {
    ObjectNode body = JSON.createObjectNode();
    String text = title(transition) + ": " + transition.summary();
    body.put("text", text);
    ObjectNode section = body.putArray("blocks").addObject();
    section.put("type", "section");
    ObjectNode markdown = section.putObject("text");
    markdown.put("type", "mrkdwn");
    markdown.put(
        "text",
        "*"
            + escapeSlack(title(transition))
            + "*\n"
            + escapeSlack(transition.summary())
            + "\nvalue "
            + transition.value()
            + ", threshold "
            + transition.threshold()
            + " · project `"
            + escapeSlack(transition.project())
            + "` · "
            + transition.at());
    return bytes(body);
  }

  /**
   * A PagerDuty Events API v2 event: {@code trigger} when firing, {@code resolve} when resolved,
   * with the fingerprint as {@code dedup_key} so PagerDuty folds repeats into one incident.
   */
  static byte[] pagerDuty(AlertTransition transition, String routingKey) {
    ObjectNode body = JSON.createObjectNode();
    body.put("routing_key", routingKey);
    body.put("event_action", transition.state() == AlertState.RESOLVED ? "resolve" : "trigger");
    body.put("dedup_key", transition.fingerprint());
    ObjectNode payload = body.putObject("payload");
    payload.put("summary", abbreviate(title(transition) + ": " + transition.summary(), 1024));
    payload.put("source", "devlogs/" + transition.project());
    payload.put("severity", pagerDutySeverity(transition.severity()));
    payload.put("timestamp", transition.at().toString());
    payload.put("component", transition.labels().getOrDefault("service", ""));
    ObjectNode details = payload.putObject("custom_details");
    details.put("rule_id", transition.ruleId());
    details.put("rule_version", transition.ruleVersion());
    details.put("value", transition.value());
    details.put("threshold", transition.threshold());
    details.put("idempotency_key", transition.idempotencyKey());
    new TreeMap<>(transition.labels()).forEach((k, v) -> details.put("label." + k, v));
    return bytes(body);
  }

  /** The e-mail's text: the title, the summary and the transition's facts, one per line. */
  static String emailText(AlertTransition transition) {
    StringBuilder text = new StringBuilder();
    text.append(title(transition)).append("\n\n").append(transition.summary()).append("\n\n");
    line(text, "project", transition.project());
    line(
        text,
        "rule",
        transition.ruleName()
            + " ("
            + transition.ruleId()
            + ", version "
            + transition.ruleVersion()
            + ")");
    line(
        text,
        "state",
        transition.previousState().wireName() + " -> " + transition.state().wireName());
    line(text, "value", Double.toString(transition.value()));
    line(text, "threshold", Double.toString(transition.threshold()));
    line(text, "at", transition.at().toString());
    for (Map.Entry<String, String> label : new TreeMap<>(transition.labels()).entrySet()) {
      line(text, "label " + label.getKey(), label.getValue());
    }
    line(text, "idempotency key", transition.idempotencyKey());
    return text.toString();
  }

  private static void line(StringBuilder text, String name, Object value) {
    text.append(name).append(": ").append(value).append('\n');
  }

  /** PagerDuty knows critical, error, warning and info. */
  static String pagerDutySeverity(AlertSeverity severity) {
    return switch (severity) {
      case CRITICAL -> "critical";
      case WARNING -> "warning";
      case INFO -> "info";
    };
  }

  /** Slack's three control characters of mrkdwn. */
  private static String escapeSlack(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  private static byte[] bytes(ObjectNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }
}
