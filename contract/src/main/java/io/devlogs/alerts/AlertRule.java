package io.devlogs.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One alert rule of a project, as a row of {@code alert_rules} holds it, checked: every instance is
 * usable. Build it from the row's columns with {@link #parse}, which refuses a bad definition with
 * an {@link InvalidAlertRuleException} naming the field.
 *
 * <p>The definition's parameters per kind ({@code definition} column):
 *
 * <ul>
 *   <li>{@code match_count}: {@code {"filter": {...}, "window_seconds": 300, "op": ">",
 *       "threshold": 10}}: matching events over the sliding window, compared with the threshold;
 *   <li>{@code absence}: {@code {"filter": {...}, "window_seconds": 600}}: fires when no matching
 *       event came for the window (after the rule saw one, or the window after it was loaded);
 *   <li>{@code error_rate}: {@code {"filter": {...}, "window_seconds": 300, "op": ">", "threshold":
 *       0.05}}: error and fatal events over all matching events in the window (no event, no rate).
 *   <li>{@code latency_percentile}: {@code {"filter": {"service": "pay"}, "window_seconds": 300,
 *       "percentile": 0.99, "op": ">", "threshold": 500}}: the percentile (0 to 1) of the durations
 *       in milliseconds that matching events carry (the attributes the minute aggregates read, in
 *       their histogram layout, so within 1% of {@code /v1/metrics}), over the window; no duration,
 *       no value. The filter holds only {@code service} and {@code level}, what the minute
 *       aggregates are kept by, so the preview reads them.
 *   <li>{@code new_pattern}: {@code {"filter": {...}, "window_seconds": 3600}}: fires once for each
 *       log pattern the matching events show that the rule has not seen since it was loaded (the
 *       first window after loading only learns the patterns already there); each pattern's alert
 *       resolves a window after it appeared. No {@code for}: a new pattern is news at once.
 *   <li>{@code derived_metric}: {@code {"recording_rule_id": "...", "group": {"service": "pay"},
 *       "over": "avg", "window_seconds": 300, "op": ">", "threshold": 250}}: the derived metric of
 *       a recording rule of the same project ({@link DerivedMetric}), its minute values over the
 *       window's closed event-time minutes (whole minutes, ending at the newest minute the metric
 *       has) added up by {@code over} (sum, avg, min, max, last), compared with the threshold. No
 *       filter: the recording rule's filter chose the events.
 * </ul>
 *
 * @param project the project the rule belongs to
 * @param id the rule's UUID, lower case
 * @param name what people call it
 * @param kind what it measures
 * @param filter which events it looks at
 * @param windowSeconds the sliding window (match_count, error_rate) or the silence (absence)
 * @param op how the value compares with the threshold; {@link ComparisonOp#GT} for absence
 * @param threshold the value's bound; for absence and new patterns, {@code windowSeconds}
 * @param percentile the percentile of a latency rule, in (0, 1]; 0 for the other kinds
 * @param metric what a derived_metric rule watches; empty for the other kinds
 * @param forSeconds how long the condition must hold before the alert fires (pending until then)
 * @param severity how urgent
 * @param labels the alert's labels, sorted by key
 * @param description the summary template: {@code {{value}} {{threshold}} {{window}} {{rule}}
 *     {{service}}} are filled in, and {@code {{example}}} for a new pattern; empty: a default per
 *     kind
 * @param enabled whether the job evaluates it (a disabled rule resolves its alerts)
 * @param version bumped on every edit; the job replaces the rule's state when it changes
 */
public record AlertRule(
    String project,
    String id,
    String name,
    AlertKind kind,
    AlertFilter filter,
    int windowSeconds,
    ComparisonOp op,
    double threshold,
    double percentile,
    Optional<DerivedMetric> metric,
    int forSeconds,
    AlertSeverity severity,
    SortedMap<String, String> labels,
    String description,
    boolean enabled,
    long version) {

  public static final int MAX_WINDOW_SECONDS = 86_400;
  public static final int MAX_FOR_SECONDS = 86_400;
  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_DESCRIPTION_LENGTH = 2_000;
  public static final int MAX_LABELS = 16;
  public static final int MAX_LABEL_VALUE_LENGTH = 256;

  /** The label the job adds to a transition whose notification a silence mutes. */
  public static final String SILENCED_LABEL = "silenced";

  /** The label that names the pattern of a {@code new_pattern} rule's alert. */
  public static final String PATTERN_LABEL = "pattern";

  private static final String LATENCY_FILTER_ONLY =
      "a latency_percentile rule filters by service and level only (what the minute aggregates"
          + " are kept by)";

  private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  private static final ObjectMapper JSON = new ObjectMapper();

  public AlertRule {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(severity, "severity");
    labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    Objects.requireNonNull(description, "description");
  }

  /**
   * The rule of one {@code alert_rules} row: {@code definitionJson} and {@code labelsJson} as the
   * JSONB columns' text.
   *
   * @throws InvalidAlertRuleException naming the field ({@code definition.window_seconds}, ...)
   */
  public static AlertRule parse(
      String project,
      String id,
      String name,
      String kind,
      String definitionJson,
      int forSeconds,
      String severity,
      String labelsJson,
      String description,
      boolean enabled,
      long version) {
    return parse(
        project,
        id,
        name,
        kind,
        RuleFields.json(definitionJson, "definition"),
        forSeconds,
        severity,
        labelsJson == null ? null : RuleFields.json(labelsJson, "labels"),
        description,
        enabled,
        version);
  }

  /**
   * {@link #parse(String, String, String, String, String, int, String, String, String, boolean,
   * long)} from JSON trees.
   */
  public static AlertRule parse(
      String project,
      String id,
      String name,
      String kind,
      JsonNode definition,
      int forSeconds,
      String severity,
      JsonNode labels,
      String description,
      boolean enabled,
      long version) {
    if (project == null || project.isBlank()) {
      throw new InvalidAlertRuleException("project_id", "is required");
    }
    String ruleId = RuleFields.uuid(id);
    if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new InvalidAlertRuleException(
          "name", "is required, at most " + MAX_NAME_LENGTH + " characters");
    }
    AlertKind ruleKind;
    try {
      ruleKind = AlertKind.fromWireName(kind);
    } catch (IllegalArgumentException e) {
      throw new InvalidAlertRuleException("kind", e.getMessage());
    }
    if (definition == null || !definition.isObject()) {
      throw new InvalidAlertRuleException("definition", "must be a JSON object");
    }
    Set<String> known =
        switch (ruleKind) {
          case ABSENCE, NEW_PATTERN -> Set.of("filter", "window_seconds");
          case LATENCY_PERCENTILE ->
              Set.of("filter", "window_seconds", "percentile", "op", "threshold");
          case MATCH_COUNT, ERROR_RATE -> Set.of("filter", "window_seconds", "op", "threshold");
          case DERIVED_METRIC ->
              Set.of("recording_rule_id", "group", "over", "window_seconds", "op", "threshold");
        };
    for (Iterator<String> names = definition.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!known.contains(field)) {
        throw new InvalidAlertRuleException(
            "definition." + AlertFilter.abbreviate(field),
            "not a parameter of a "
                + ruleKind.wireName()
                + " rule, expected "
                + String.join(", ", new java.util.TreeSet<>(known)));
      }
    }
    AlertFilter filter = AlertFilter.parse(definition.get("filter"), "definition.filter");
    if (ruleKind == AlertKind.LATENCY_PERCENTILE) {
      if (!filter.terms().isEmpty()) {
        throw new InvalidAlertRuleException("definition.filter.text", LATENCY_FILTER_ONLY);
      }
      if (!filter.attributes().isEmpty()) {
        throw new InvalidAlertRuleException("definition.filter.attributes", LATENCY_FILTER_ONLY);
      }
    }
    int window = windowSeconds(definition.get("window_seconds"));
    Optional<DerivedMetric> metric = Optional.empty();
    if (ruleKind == AlertKind.DERIVED_METRIC) {
      metric = Optional.of(DerivedMetric.parse(definition));
      if (window % 60 != 0) {
        throw new InvalidAlertRuleException(
            "definition.window_seconds",
            "a derived_metric rule reads whole minutes: a multiple of 60, got " + window);
      }
    }
    ComparisonOp op = ComparisonOp.GT;
    double threshold = window;
    double percentile = 0;
    if (ruleKind == AlertKind.LATENCY_PERCENTILE) {
      JsonNode q = definition.get("percentile");
      if (q == null || !q.isNumber() || !(q.doubleValue() > 0) || q.doubleValue() > 1) {
        throw new InvalidAlertRuleException(
            "definition.percentile", "is required: a number above 0 and at most 1 (0.99 for p99)");
      }
      percentile = q.doubleValue();
    }
    if (ruleKind != AlertKind.ABSENCE && ruleKind != AlertKind.NEW_PATTERN) {
      JsonNode opNode = definition.get("op");
      if (opNode == null || !opNode.isTextual()) {
        throw new InvalidAlertRuleException("definition.op", "is required: >, >=, <, <=, == or !=");
      }
      try {
        op = ComparisonOp.fromSymbol(opNode.asText());
      } catch (IllegalArgumentException e) {
        throw new InvalidAlertRuleException("definition.op", e.getMessage());
      }
      JsonNode t = definition.get("threshold");
      if (t == null || !t.isNumber() || !Double.isFinite(t.doubleValue())) {
        throw new InvalidAlertRuleException("definition.threshold", "is required: a finite number");
      }
      threshold = t.doubleValue();
      if (ruleKind == AlertKind.ERROR_RATE && (threshold < 0 || threshold > 1)) {
        throw new InvalidAlertRuleException(
            "definition.threshold", "an error rate is between 0 and 1, got " + threshold);
      }
      if (ruleKind == AlertKind.MATCH_COUNT && threshold < 0) {
        throw new InvalidAlertRuleException(
            "definition.threshold", "a count is never negative, got " + threshold);
      }
      if (ruleKind == AlertKind.LATENCY_PERCENTILE && threshold < 0) {
        throw new InvalidAlertRuleException(
            "definition.threshold",
            "a duration in milliseconds is never negative, got " + threshold);
      }
    }
    if (ruleKind == AlertKind.NEW_PATTERN && forSeconds != 0) {
      throw new InvalidAlertRuleException(
          "for_seconds", "must be 0 for a new_pattern rule: a new pattern fires at once");
    }
    if (forSeconds < 0 || forSeconds > MAX_FOR_SECONDS) {
      throw new InvalidAlertRuleException(
          "for_seconds", "must be between 0 and " + MAX_FOR_SECONDS + ", got " + forSeconds);
    }
    AlertSeverity ruleSeverity;
    try {
      ruleSeverity = AlertSeverity.fromWireName(severity);
    } catch (IllegalArgumentException e) {
      throw new InvalidAlertRuleException("severity", e.getMessage());
    }
    String text = description == null ? "" : description;
    if (text.length() > MAX_DESCRIPTION_LENGTH) {
      throw new InvalidAlertRuleException(
          "description", "longer than " + MAX_DESCRIPTION_LENGTH + " characters");
    }
    if (version < 1) {
      throw new InvalidAlertRuleException("version", "must be at least 1, got " + version);
    }
    return new AlertRule(
        project,
        ruleId,
        name,
        ruleKind,
        filter,
        window,
        op,
        threshold,
        percentile,
        metric,
        forSeconds,
        ruleSeverity,
        readLabels(labels),
        text,
        enabled,
        version);
  }

  /** The {@code definition} column's JSON, parameters in a fixed order. */
  public ObjectNode definitionJson() {
    ObjectNode json = JSON.createObjectNode();
    if (kind == AlertKind.DERIVED_METRIC) {
      metric.orElseThrow().writeTo(json);
    } else {
      json.set("filter", filter.toJson());
    }
    json.put("window_seconds", windowSeconds);
    if (kind == AlertKind.LATENCY_PERCENTILE) {
      json.put("percentile", percentile);
    }
    if (kind != AlertKind.ABSENCE && kind != AlertKind.NEW_PATTERN) {
      json.put("op", op.symbol());
      if (threshold == Math.rint(threshold) && Math.abs(threshold) < 1e15) {
        json.put("threshold", (long) threshold);
      } else {
        json.put("threshold", threshold);
      }
    }
    return json;
  }

  /** The {@code labels} column's JSON. */
  public ObjectNode labelsJson() {
    ObjectNode json = JSON.createObjectNode();
    labels.forEach(json::put);
    return json;
  }

  /** The whole row as one JSON object (column names as keys), which {@link #fromJson} reads. */
  public String toJson() {
    ObjectNode json = JSON.createObjectNode();
    json.put("project_id", project);
    json.put("id", id);
    json.put("name", name);
    json.put("kind", kind.wireName());
    json.set("definition", definitionJson());
    json.put("for_seconds", forSeconds);
    json.put("severity", severity.wireName());
    json.set("labels", labelsJson());
    json.put("description", description);
    json.put("enabled", enabled);
    json.put("version", version);
    return json.toString();
  }

  /** The rule {@link #toJson} wrote. */
  public static AlertRule fromJson(String json) {
    JsonNode row = RuleFields.json(json, "rule");
    return parse(
        row.path("project_id").asText(null),
        row.path("id").asText(null),
        row.path("name").asText(null),
        row.path("kind").asText(null),
        row.get("definition"),
        row.path("for_seconds").asInt(),
        row.path("severity").asText(null),
        row.get("labels"),
        row.path("description").asText(""),
        row.path("enabled").asBoolean(true),
        row.path("version").asLong());
  }

  /**
   * The fingerprint of this rule's alert: the hex of the first 8 bytes of SHA-256 over the rule id
   * and its labels sorted by key. The same rule with the same labels always has the same one.
   */
  public String fingerprint() {
    return fingerprint(labels);
  }

  /**
   * The fingerprint of one of this rule's alerts with {@code alertLabels} (the rule's labels and
   * what tells its alerts apart, such as {@link #PATTERN_LABEL}).
   */
  public String fingerprint(SortedMap<String, String> alertLabels) {
    StringBuilder text = new StringBuilder(id);
    alertLabels.forEach((k, v) -> text.append('\n').append(k).append('=').append(v));
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * The description with {@code {{value}}}, {@code {{threshold}}}, {@code {{window}}}, {@code
   * {{rule}}} and {@code {{service}}} filled in; the default of the kind when it is empty.
   *
   * @param service the service of the event that crossed, else the filter's service, else empty
   */
  public String summary(double value, Optional<String> service) {
    return summary(value, service, "");
  }

  /**
   * {@link #summary(double, Optional)}, with {@code {{example}}} (a new pattern's first message)
   * filled in too.
   */
  public String summary(double value, Optional<String> service, String example) {
    String template = description.isBlank() ? defaultTemplate() : description;
    return template
        .replace("{{example}}", example)
        .replace("{{value}}", number(value))
        .replace("{{threshold}}", number(threshold))
        .replace("{{window}}", duration(windowSeconds))
        .replace("{{rule}}", name)
        .replace("{{service}}", service.or(filter::service).orElse(""));
  }

  private String defaultTemplate() {
    return switch (kind) {
      case MATCH_COUNT ->
          "{{rule}}: {{value}} matching events in {{window}} (" + op.symbol() + " {{threshold}})";
      case ERROR_RATE ->
          "{{rule}}: error rate {{value}} over {{window}} (" + op.symbol() + " {{threshold}})";
      case ABSENCE -> "{{rule}}: no matching event for {{value}} s (window {{window}})";
      case LATENCY_PERCENTILE ->
          "{{rule}}: p"
              + number(percentile * 100)
              + " latency {{value}} ms over {{window}} ("
              + op.symbol()
              + " {{threshold}} ms)";
      case NEW_PATTERN -> "{{rule}}: a new log pattern in {{service}}: {{example}}";
      case DERIVED_METRIC ->
          "{{rule}}: "
              + metric.orElseThrow().over().wireName()
              + " of the derived metric {{value}} over {{window}} ("
              + op.symbol()
              + " {{threshold}})";
    };
  }

  /** A number as people write it: integers without a fraction, others to 4 significant digits. */
  public static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** Seconds as {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}. */
  public static String duration(int seconds) {
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  private static int windowSeconds(JsonNode node) {
    if (node == null
        || !node.isIntegralNumber()
        || !node.canConvertToInt()
        || node.intValue() < 1
        || node.intValue() > MAX_WINDOW_SECONDS) {
      throw new InvalidAlertRuleException(
          "definition.window_seconds",
          "is required: whole seconds between 1 and " + MAX_WINDOW_SECONDS);
    }
    return node.intValue();
  }

  private static SortedMap<String, String> readLabels(JsonNode node) {
    SortedMap<String, String> labels = new TreeMap<>();
    if (node == null || node.isNull()) {
      return labels;
    }
    if (!node.isObject()) {
      throw new InvalidAlertRuleException("labels", "must be an object of strings");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      String field = "labels." + AlertFilter.abbreviate(label.getKey());
      if (!LABEL_NAME.matcher(label.getKey()).matches()) {
        throw new InvalidAlertRuleException(
            field, "a label name matches [A-Za-z_][A-Za-z0-9_]{0,63}");
      }
      if (label.getKey().equals(SILENCED_LABEL)) {
        throw new InvalidAlertRuleException(field, "is set by the job on silenced transitions");
      }
      if (label.getKey().equals(PATTERN_LABEL)) {
        throw new InvalidAlertRuleException(field, "is set by the job on new-pattern alerts");
      }
      if (!label.getValue().isTextual()
          || label.getValue().asText().length() > MAX_LABEL_VALUE_LENGTH) {
        throw new InvalidAlertRuleException(
            field, "must be a string of at most " + MAX_LABEL_VALUE_LENGTH + " characters");
      }
      labels.put(label.getKey(), label.getValue().asText());
    }
    if (labels.size() > MAX_LABELS) {
      throw new InvalidAlertRuleException("labels", "more than " + MAX_LABELS + " labels");
    }
    return labels;
  }
}
