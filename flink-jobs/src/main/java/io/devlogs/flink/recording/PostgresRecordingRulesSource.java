package io.devlogs.flink.recording;

import io.devlogs.flink.alerts.RuleKeys;
import io.devlogs.flink.alerts.RulesSource;
import io.devlogs.projects.PostgresOptions;
import io.devlogs.recording.RecordingRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the enabled rules of {@code recording_rules} on one connection kept open between loads (as
 * the alert rules' source does); a load that fails closes it and the next opens a new one. A row
 * whose definition is bad is left out and logged once per rule version: one tenant's bad rule never
 * costs another anything.
 */
public final class PostgresRecordingRulesSource implements RulesSource {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PostgresRecordingRulesSource.class);

  static final String RULES =
      "SELECT project_id, id::text, name, definition::text, version FROM recording_rules"
          + " WHERE enabled";

  private final PostgresOptions postgres;
  private transient Connection connection;
  private transient Set<String> reported;

  public PostgresRecordingRulesSource(PostgresOptions postgres) {
    this.postgres = postgres;
  }

  /** Every enabled rule that can be used, {@link RecordingRule#toJson} by {@link RuleKeys#of}. */
  @Override
  public synchronized Map<String, String> loadAll() throws SQLException {
    try {
      if (connection == null) {
        connection = postgres.connect().openConnection();
      }
      Map<String, String> rules = new TreeMap<>();
      try (PreparedStatement statement = connection.prepareStatement(RULES);
          ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          String project = row.getString(1);
          String id = row.getString(2);
          long version = row.getLong(5);
          try {
            RecordingRule rule =
                RecordingRule.parse(project, id, row.getString(3), row.getString(4), true, version);
            rules.put(RuleKeys.of(project, rule.id()), rule.toJson());
          } catch (IllegalArgumentException e) {
            if (reported().add(project + "/" + id + "/" + version)) {
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
    } catch (SQLException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private Set<String> reported() {
    if (reported == null) {
      reported = new HashSet<>();
    }
    return reported;
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // the connection is gone either way
      }
      connection = null;
    }
  }

  @Override
  public String toString() {
    return "recording_rules at " + postgres.url();
  }
}
