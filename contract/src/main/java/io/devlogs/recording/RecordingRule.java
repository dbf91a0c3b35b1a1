package io.devlogs.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.alerts.AlertFilter;
import io.devlogs.alerts.InvalidAlertRuleException;
import io.devlogs.alerts.RuleFields;
import io.devlogs.flink.records.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One recording rule of a project (a derived metric), as a row of {@code recording_rules} holds it,
 * checked: every instance is usable. The job turns the events its filter matches into one value per
 * minute and group; {@link #parse} refuses a bad definition with an {@link
 * InvalidAlertRuleException} naming the field.
 *
 * <p>The {@code definition} column: {@code {"filter": {...}, "aggregation": "p99", "field":
 * "duration_ms", "group_by": ["service", "region"], "max_groups": 50}}. The filter is the alert
 * rules' ({@link AlertFilter}: service, level, text, attributes), so a rule records exactly the
 * events an alert rule with the same filter counts. {@code field} is an attribute read as a number
 * (required unless the aggregation is {@code count}); {@code group_by} names up to {@value
 * #MAX_GROUP_BY} of {@code service}, {@code level}, {@code stream} or attribute keys; a minute
 * holds at most {@code max_groups} groups of the rule, the events of further groups add up in one
 * "other" group.
 *
 * @param project the project the rule belongs to
 * @param id the rule's UUID, lower case
 * @param name what people call the metric
 * @param filter which events it records
 * @param aggregation the statistic charted
 * @param field the numeric attribute, empty for a count
 * @param groupBy the fields whose values make a group, in order
 * @param maxGroups the groups per minute before the rest go to the "other" group
 * @param enabled whether the job records it
 * @param version bumped on every edit
 */
public record RecordingRule(
    String project,
    String id,
    String name,
    AlertFilter filter,
    RecordingAggregation aggregation,
    Optional<String> field,
    List<String> groupBy,
    int maxGroups,
    boolean enabled,
    long version) {

  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_GROUP_BY = 3;
  public static final int DEFAULT_MAX_GROUPS = 50;

  /** The most groups a rule may keep per minute: bounds the job's state per rule and minute. */
  public static final int MAX_GROUPS = 500;

  /** Group-by names that read an event's own fields; every other name is an attribute key. */
  public static final Set<String> EVENT_FIELDS = Set.of("service", "level", "stream");

  private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");
  private static final Set<String> DEFINITION_FIELDS =
      Set.of("filter", "aggregation", "field", "group_by", "max_groups");
  private static final ObjectMapper JSON = new ObjectMapper();

  public RecordingRule {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(aggregation, "aggregation");
    Objects.requireNonNull(field, "field");
    groupBy = List.copyOf(groupBy);
  }

  /**
   * The rule of one {@code recording_rules} row, {@code definitionJson} as the JSONB column's text.
   *
   * @throws InvalidAlertRuleException naming the field ({@code definition.field}, ...)
   */
  public static RecordingRule parse(
      String project,
      String id,
      String name,
      String definitionJson,
      boolean enabled,
      long version) {
    return parse(
        project,
        id,
        name,
        definitionJson == null ? null : RuleFields.json(definitionJson, "definition"),
        enabled,
        version);
  }

  /** {@link #parse(String, String, String, String, boolean, long)} from a JSON tree. */
  public static RecordingRule parse(
      String project, String id, String name, JsonNode definition, boolean enabled, long version) {
    if (project == null || project.isBlank()) {
      throw new InvalidAlertRuleException("project_id", "is required");
    }
    String ruleId = RuleFields.uuid(id);
    if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new InvalidAlertRuleException(
          "name", "is required, at most " + MAX_NAME_LENGTH + " characters");
    }
    if (definition == null || !definition.isObject()) {
      throw new InvalidAlertRuleException("definition", "must be a JSON object");
    }
    for (Iterator<String> names = definition.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!DEFINITION_FIELDS.contains(field)) {
        throw new InvalidAlertRuleException(
            "definition." + abbreviate(field),
            "not a parameter of a recording rule, expected "
                + String.join(", ", new TreeSet<>(DEFINITION_FIELDS)));
      }
    }
    AlertFilter filter = AlertFilter.parse(definition.get("filter"), "definition.filter");
    JsonNode aggregationNode = definition.get("aggregation");
    if (aggregationNode == null || !aggregationNode.isTextual()) {
      throw new InvalidAlertRuleException(
          "definition.aggregation", "is required: count, sum, min, max, avg, p50, p90 or p99");
    }
    RecordingAggregation aggregation;
    try {
      aggregation = RecordingAggregation.fromWireName(aggregationNode.asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidAlertRuleException("definition.aggregation", e.getMessage());
    }
    Optional<String> field = Optional.empty();
    JsonNode fieldNode = definition.get("field");
    if (fieldNode != null && !fieldNode.isNull()) {
      if (!fieldNode.isTextual() || !ATTRIBUTE_KEY.matcher(fieldNode.asText()).matches()) {
        throw new InvalidAlertRuleException(
            "definition.field", "must be an attribute key matching [A-Za-z0-9_.-]{1,128}");
      }
      field = Optional.of(fieldNode.asText());
    }
    if (aggregation.needsField() && field.isEmpty()) {
      throw new InvalidAlertRuleException(
          "definition.field",
          "is required for "
              + aggregation.wireName()
              + ": the attribute whose numbers are aggregated, e.g. duration_ms");
    }
    List<String> groupBy = groupBy(definition.get("group_by"));
    int maxGroups = DEFAULT_MAX_GROUPS;
    JsonNode max = definition.get("max_groups");
    if (max != null && !max.isNull()) {
      if (!max.isIntegralNumber()
          || !max.canConvertToInt()
          || max.intValue() < 1
          || max.intValue() > MAX_GROUPS) {
        throw new InvalidAlertRuleException(
            "definition.max_groups", "must be a whole number between 1 and " + MAX_GROUPS);
      }
      maxGroups = max.intValue();
    }
    if (version < 1) {
      throw new InvalidAlertRuleException("version", "must be at least 1, got " + version);
    }
    return new RecordingRule(
        project, ruleId, name, filter, aggregation, field, groupBy, maxGroups, enabled, version);
  }

  /** Whether the rule records an event with these fields. */
  public boolean matches(
      String service, Level level, String message, Map<String, String> attributes) {
    return filter.matches(service, level, message, attributes);
  }

  /**
   * The group of an event: a JSON object of the group-by names and the event's values, in the
   * rule's order ({@code {"service":"pay","region":"eu"}}); a missing attribute is {@code ""}.
   * {@code {}} when the rule has no group-by.
   */
  public String groupOf(
      String service, Level level, String stream, Map<String, String> attributes) {
    ObjectNode group = JSON.createObjectNode();
    for (String name : groupBy) {
      String value =
          switch (name) {
            case "service" -> service;
            case "level" -> level.name().toLowerCase(Locale.ROOT);
            case "stream" -> stream;
            default -> attributes.get(name);
          };
      group.put(name, value == null ? "" : value);
    }
    return group.toString();
  }

  /**
   * The rule's field of an event as a number: NaN when the rule has no field, or the event does not
   * carry it as a finite number (such an event is counted, its value left out).
   */
  public double valueOf(Map<String, String> attributes) {
    if (field.isEmpty()) {
      return Double.NaN;
    }
    String text = attributes.get(field.get());
    if (text == null) {
      return Double.NaN;
    }
    try {
      double value = Double.parseDouble(text.strip());
      return Double.isFinite(value) ? value : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The {@code definition} column's JSON, parameters in a fixed order. */
  public ObjectNode definitionJson() {
    ObjectNode json = JSON.createObjectNode();
    json.set("filter", filter.toJson());
    json.put("aggregation", aggregation.wireName());
    field.ifPresent(f -> json.put("field", f));
    ArrayNode names = json.putArray("group_by");
    groupBy.forEach(names::add);
    json.put("max_groups", maxGroups);
    return json;
  }

  /** The whole row as one JSON object (column names as keys), which {@link #fromJson} reads. */
  public String toJson() {
    ObjectNode json = JSON.createObjectNode();
    json.put("project_id", project);
    json.put("id", id);
    json.put("name", name);
    json.set("definition", definitionJson());
    json.put("enabled", enabled);
    json.put("version", version);
    return json.toString();
  }

  /** The rule {@link #toJson} wrote. */
  public static RecordingRule fromJson(String text) {
    JsonNode row = text == null ? null : RuleFields.json(text, "definition");
    return parse(
        row.path("project_id").asText(null),
        row.path("id").asText(null),
        row.path("name").asText(null),
        row.get("definition"),
        row.path("enabled").asBoolean(true),
        row.path("version").asLong());
  }

  private static List<String> groupBy(JsonNode node) {
    List<String> names = new ArrayList<>();
    if (node == null || node.isNull()) {
      return names;
    }
    if (!node.isArray()) {
      throw new InvalidAlertRuleException(
          "definition.group_by", "must be a list of field names (service, level, stream, keys)");
    }
    if (node.size() > MAX_GROUP_BY) {
      throw new InvalidAlertRuleException(
          "definition.group_by", "at most " + MAX_GROUP_BY + " fields");
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode name = node.get(i);
      String path = "definition.group_by[" + i + "]";
      if (!name.isTextual() || !ATTRIBUTE_KEY.matcher(name.asText()).matches()) {
        throw new InvalidAlertRuleException(
            path, "must be service, level, stream or an attribute key ([A-Za-z0-9_.-]{1,128})");
      }
      if (names.contains(name.asText())) {
        throw new InvalidAlertRuleException(path, "'" + name.asText() + "' is named twice");
      }
      names.add(name.asText());
    }
    return names;
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
