package io.devlogs.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.recording.RecordingRule;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a {@code derived_metric} alert rule watches: a recording rule of the same project (its
 * metric per minute), optionally only the groups whose values include {@link #group}, and how the
 * minutes of the rule's window add up into the one value compared with the threshold.
 *
 * <p>A minute's value is the recording rule's aggregation over the minute's events of the watched
 * groups (all groups, the "other" one included, when {@link #group} is empty; only groups whose
 * values hold every {@link #group} pair otherwise). A minute without such events has no value:
 * {@link Over} reads the minutes that have one, and a window with none has no value (the condition
 * does not hold; an {@code absence} rule watches for silence).
 *
 * @param recordingRuleId the recording rule's UUID, lower case
 * @param group label values a group must have to be watched ({@code {"service": "pay"}}); empty:
 *     every group
 * @param over how the window's minute values add up
 */
public record DerivedMetric(String recordingRuleId, SortedMap<String, String> group, Over over) {

  private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

  public DerivedMetric {
    Objects.requireNonNull(recordingRuleId, "recordingRuleId");
    group = Collections.unmodifiableSortedMap(new TreeMap<>(group));
    Objects.requireNonNull(over, "over");
  }

  /** How the values of a window's minutes add up. */
  public enum Over {
    /** The sum of the minute values (a count per minute summed: the count over the window). */
    SUM,
    /** Their mean. */
    AVG,
    /** The smallest. */
    MIN,
    /** The largest. */
    MAX,
    /** The value of the newest minute that has one. */
    LAST;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The window's value from its minute values, oldest first; NaN when there is none. */
    public double of(List<Double> minuteValues) {
      if (minuteValues.isEmpty()) {
        return Double.NaN;
      }
      return switch (this) {
        case SUM -> minuteValues.stream().mapToDouble(Double::doubleValue).sum();
        case AVG -> minuteValues.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        case MIN -> minuteValues.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        case MAX -> minuteValues.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        case LAST -> minuteValues.get(minuteValues.size() - 1);
      };
    }

    static Over fromWireName(String name) {
      for (Over over : values()) {
        if (over.wireName().equals(name)) {
          return over;
        }
      }
      throw new IllegalArgumentException(
          "unknown '" + name + "', expected one of sum, avg, min, max, last");
    }
  }

  /**
   * Whether a minute row's group is watched: {@code groupValues} is the row's group ({@code
   * RecordingRule#groupOf}'s names and values); {@code other} whether it is the row of the groups
   * past the recording rule's cap, which only a rule watching every group counts.
   */
  public boolean watches(Map<String, String> groupValues, boolean other) {
    if (group.isEmpty()) {
      return true;
    }
    if (other) {
      return false;
    }
    for (Map.Entry<String, String> wanted : group.entrySet()) {
      if (!wanted.getValue().equals(groupValues.get(wanted.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Reads the derived_metric parameters of a rule's definition (field names as in its JSON). */
  static DerivedMetric parse(JsonNode definition) {
    JsonNode id = definition.get("recording_rule_id");
    if (id == null || !id.isTextual()) {
      throw new InvalidAlertRuleException(
          "definition.recording_rule_id", "is required: the id of a recording rule");
    }
    String ruleId;
    try {
      ruleId = RuleFields.uuid(id.asText());
    } catch (InvalidAlertRuleException e) {
      throw new InvalidAlertRuleException("definition.recording_rule_id", "must be a UUID");
    }
    SortedMap<String, String> group = new TreeMap<>();
    JsonNode groupNode = definition.get("group");
    if (groupNode != null && !groupNode.isNull()) {
      if (!groupNode.isObject()) {
        throw new InvalidAlertRuleException(
            "definition.group", "must be an object of group-by names and values");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = groupNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> pair = it.next();
        String field = "definition.group." + AlertFilter.abbreviate(pair.getKey());
        if (!GROUP_NAME.matcher(pair.getKey()).matches()) {
          throw new InvalidAlertRuleException(
              field, "a group-by name matches [A-Za-z0-9_.-]{1,128}");
        }
        if (!pair.getValue().isTextual()
            || pair.getValue().asText().length() > AlertFilter.MAX_VALUE_LENGTH) {
          throw new InvalidAlertRuleException(
              field, "must be a string of at most " + AlertFilter.MAX_VALUE_LENGTH + " characters");
        }
        group.put(pair.getKey(), pair.getValue().asText());
      }
      if (group.size() > RecordingRule.MAX_GROUP_BY) {
        throw new InvalidAlertRuleException(
            "definition.group",
            "more than "
                + RecordingRule.MAX_GROUP_BY
                + " names (a recording rule groups by at most"
                + " "
                + RecordingRule.MAX_GROUP_BY
                + ")");
      }
    }
    JsonNode overNode = definition.get("over");
    if (overNode == null || !overNode.isTextual()) {
      throw new InvalidAlertRuleException(
          "definition.over", "is required: sum, avg, min, max or last");
    }
    Over over;
    try {
      over = Over.fromWireName(overNode.asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidAlertRuleException("definition.over", e.getMessage());
    }
    return new DerivedMetric(ruleId, group, over);
  }

  /** Writes the parameters into a rule's definition JSON. */
  void writeTo(ObjectNode definition) {
    definition.put("recording_rule_id", recordingRuleId);
    if (!group.isEmpty()) {
      ObjectNode values = definition.putObject("group");
      group.forEach(values::put);
    }
    definition.put("over", over.wireName());
  }
}
