package io.devlogs.flink.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.alerts.AlertRule;
import io.devlogs.alerts.AlertSilence;
import io.devlogs.recording.RecordingRule;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One enabled rule as the job holds it: the rule, the silences that may mute it (its own and the
 * project's rule-less ones that have not ended) and, for a {@code derived_metric} rule, the enabled
 * recording rule it watches (kept only when it is the one the rule names, of the same project:
 * another project's rule is never seen). Travels and is kept as one JSON text ({@link #toJson}), so
 * the job's state holds only strings, which every savepoint can carry; two loads of an unchanged
 * rule give the same text.
 */
public record LoadedRule(
    AlertRule rule, List<AlertSilence> silences, Optional<RecordingRule> recording) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public LoadedRule {
    silences =
        silences.stream()
            .filter(s -> s.project().equals(rule.project()))
            .filter(s -> s.ruleId().map(rule.id()::equals).orElse(true))
            .sorted(Comparator.comparing(AlertSilence::id))
            .toList();
    recording =
        recording.filter(
            r ->
                r.project().equals(rule.project())
                    && rule.metric().map(m -> m.recordingRuleId().equals(r.id())).orElse(false));
  }

  /** A rule that watches no derived metric. */
  public LoadedRule(AlertRule rule, List<AlertSilence> silences) {
    this(rule, silences, Optional.empty());
  }

  /** Whether a silence mutes the rule's alert at {@code now}. */
  public boolean muted(Instant now) {
    return muted(now, rule.labels());
  }

  /**
   * Whether a silence mutes the rule's alert with {@code labels} (a new pattern's) at {@code now}.
   */
  public boolean muted(Instant now, Map<String, String> labels) {
    return silences.stream().anyMatch(s -> s.mutes(rule, labels, now));
  }

  /** The rule and its silences as one JSON text. */
  public String toJson() {
    ObjectNode json = JSON.createObjectNode();
    try {
      json.set("rule", JSON.readTree(rule.toJson()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a rule's own JSON does not read back", e);
    }
    ArrayNode list = json.putArray("silences");
    for (AlertSilence s : silences) {
      ObjectNode silence = list.addObject();
      silence.put("id", s.id());
      silence.put("rule_id", s.ruleId().orElse(null));
      ObjectNode matchers = silence.putObject("matchers");
      new TreeMap<>(s.matchers()).forEach(matchers::put);
      silence.put("starts_at", s.startsAt().toEpochMilli());
      silence.put("ends_at", s.endsAt().toEpochMilli());
    }
    if (recording.isPresent()) {
      try {
        json.set("recording", JSON.readTree(recording.get().toJson()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a recording rule's own JSON does not read back", e);
      }
    }
    return json.toString();
  }

  /** The rule {@link #toJson} wrote. */
  public static LoadedRule fromJson(String text) {
    JsonNode json;
    try {
      json = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a loaded rule: " + e.getOriginalMessage(), e);
    }
    AlertRule rule = AlertRule.fromJson(json.path("rule").toString());
    List<AlertSilence> silences =
        java.util.stream.StreamSupport.stream(json.path("silences").spliterator(), false)
            .map(
                s -> {
                  Map<String, String> matchers = new TreeMap<>();
                  s.path("matchers")
                      .fields()
                      .forEachRemaining(m -> matchers.put(m.getKey(), m.getValue().asText()));
                  return new AlertSilence(
                      rule.project(),
                      s.path("id").asText(),
                      Optional.ofNullable(
                          s.path("rule_id").isTextual() ? s.get("rule_id").asText() : null),
                      matchers,
                      Instant.ofEpochMilli(s.path("starts_at").asLong()),
                      Instant.ofEpochMilli(s.path("ends_at").asLong()));
                })
            .toList();
    Optional<RecordingRule> recording =
        json.hasNonNull("recording")
            ? Optional.of(RecordingRule.fromJson(json.get("recording").toString()))
            : Optional.empty();
    return new LoadedRule(rule, silences, recording);
  }
}
