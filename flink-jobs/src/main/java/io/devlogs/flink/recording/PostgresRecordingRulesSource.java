package io.devlogs.flink.recording;

import io.devlogs.flink.alerts.RuleKeys;
import io.devlogs.flink.alerts.RuleTableConnection;
import io.devlogs.flink.alerts.RulesSource;
import io.devlogs.projects.PostgresOptions;
import io.devlogs.recording.RecordingRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the enabled rules of {@code recording_rules} on one {@link RuleTableConnection} (as the
 * alert rules' source does). A row whose definition is bad is left out and logged once per rule
 * version.
 */
public final class PostgresRecordingRulesSource implements RulesSource {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PostgresRecordingRulesSource.class);

  static final String RULES =
      "SELECT project_id, id::text, name, definition::text, version FROM recording_rules"
          + " WHERE enabled";

  private final RuleTableConnection tables;

  public PostgresRecordingRulesSource(PostgresOptions postgres) {
    this.tables = new RuleTableConnection(postgres);
  }

  /** Every enabled rule that can be used, {@link RecordingRule#toJson} by {@link RuleKeys#of}. */
  @Override
  public Map<String, String> loadAll() throws SQLException {
    return tables.load(
        connection -> {
          Map<String, String> texts = new TreeMap<>();
          enabledRules(connection, tables).forEach((key, rule) -> texts.put(key, rule.toJson()));
          return texts;
        });
  }

  /**
   * Every enabled recording rule that can be used, by {@link RuleKeys#of}; a bad row is left out
   * and reported once per version through {@code tables}.
   */
  public static Map<String, RecordingRule> enabledRules(
      Connection connection, RuleTableConnection tables) throws SQLException {
    Map<String, RecordingRule> rules = new TreeMap<>();
    try (PreparedStatement statement = connection.prepareStatement(RULES);
        ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        String project = row.getString(1);
        String id = row.getString(2);
        long version = row.getLong(5);
        try {
          RecordingRule rule =
              RecordingRule.parse(project, id, row.getString(3), row.getString(4), true, version);
          rules.put(RuleKeys.of(project, rule.id()), rule);
        } catch (IllegalArgumentException e) {
          if (tables.firstReport("recording/" + project + "/" + id + "/" + version)) {
            LOG.warn(
                "Recording rule {} of project {} (version {}) is left out: {}",
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

  @Override
  public void close() {
    tables.close();
  }

  @Override
  public String toString() {
    return "recording_rules at " + tables;
  }
}
