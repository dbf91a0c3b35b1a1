package io.devlogs.flink.alerts;

import io.devlogs.alerts.AlertRule;
import io.devlogs.alerts.AlertSilence;
import io.devlogs.flink.recording.PostgresRecordingRulesSource;
import io.devlogs.projects.PostgresOptions;
import io.devlogs.recording.RecordingRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the enabled rules of {@code alert_rules}, the silences of {@code alert_silences} that have
 * not ended and, when a {@code derived_metric} rule needs them, the enabled recording rules, on one
 * {@link RuleTableConnection}. A row whose definition is bad is left out and logged once per rule
 * version: one tenant's bad rule never costs another anything.
 */
public final class PostgresRulesSource implements RulesSource {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PostgresRulesSource.class);

  static final String RULES =
      "SELECT project_id, id::text, name, kind, definition::text, for_seconds, severity,"
          + " labels::text, description, version FROM alert_rules WHERE enabled";
  static final String SILENCES =
      "SELECT project_id, id::text, rule_id::text, matchers::text, starts_at, ends_at"
          + " FROM alert_silences WHERE ends_at > now()";

  private final RuleTableConnection tables;

  public PostgresRulesSource(PostgresOptions postgres) {
    this.tables = new RuleTableConnection(postgres);
  }

  @Override
  public Map<String, String> loadAll() throws SQLException {
    return tables.load(this::load);
  }

  private Map<String, String> load(Connection connection) throws SQLException {
    Map<String, List<AlertSilence>> silences = silences(connection);
    Map<String, RecordingRule> recordingRules = null;
    Map<String, String> rules = new TreeMap<>();
    try (PreparedStatement statement = connection.prepareStatement(RULES);
        ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        String project = row.getString(1);
        String id = row.getString(2);
        long version = row.getLong(10);
        try {
          AlertRule rule =
              AlertRule.parse(
                  project,
                  id,
                  row.getString(3),
                  row.getString(4),
                  row.getString(5),
                  row.getInt(6),
                  row.getString(7),
                  row.getString(8),
                  row.getString(9),
                  true,
                  version);
          Optional<RecordingRule> recording = Optional.empty();
          if (rule.metric().isPresent()) {
            if (recordingRules == null) {
              recordingRules = PostgresRecordingRulesSource.enabledRules(connection, tables);
            }
            // Looked up under the alert rule's own project: another project's rule is not there.
            recording =
                Optional.ofNullable(
                    recordingRules.get(
                        RuleKeys.of(project, rule.metric().get().recordingRuleId())));
          }
          rules.put(
              RuleKeys.of(project, rule.id()),
              new LoadedRule(rule, silences.getOrDefault(project, List.of()), recording).toJson());
        } catch (IllegalArgumentException e) {
          if (tables.firstReport(project + "/" + id + "/" + version)) {
            LOG.warn(
                "Alert rule {} of project {} (version {}) is left out: {}",
                id,
                project,
                version,
                e.getMessage());
          }
        }
      }
    }
    return rules;
  }

  private Map<String, List<AlertSilence>> silences(Connection connection) throws SQLException {
    Map<String, List<AlertSilence>> byProject = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(SILENCES);
        ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        String project = row.getString(1);
        try {
          Timestamp startsAt = row.getTimestamp(5);
          Timestamp endsAt = row.getTimestamp(6);
          AlertSilence silence =
              new AlertSilence(
                  project,
                  row.getString(2),
                  Optional.ofNullable(row.getString(3)),
                  matchers(row.getString(4)),
                  startsAt.toInstant(),
                  endsAt.toInstant());
          byProject.computeIfAbsent(project, p -> new ArrayList<>()).add(silence);
        } catch (RuntimeException e) {
          if (tables.firstReport("silence/" + row.getString(2))) {
            LOG.warn(
                "Silence {} of project {} is left out: {}",
                row.getString(2),
                project,
                e.toString());
          }
        }
      }
    }
    return byProject;
  }

  private static Map<String, String> matchers(String json) {
    Map<String, String> matchers = new TreeMap<>();
    if (json == null) {
      return matchers;
    }
    try {
      new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(json)
          .fields()
          .forEachRemaining(m -> matchers.put(m.getKey(), m.getValue().asText()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("matchers are not JSON", e);
    }
    return matchers;
  }

  @Override
  public void close() {
    tables.close();
  }

  @Override
  public String toString() {
    return "alert_rules at " + tables;
  }
}
