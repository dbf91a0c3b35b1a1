package io.devlogs.query.recording;

import io.devlogs.alerts.DerivedMetric;
import io.devlogs.query.alerts.Connections;
import io.devlogs.query.alerts.DerivedMetrics;
import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.records.TimeRange;
import io.devlogs.recording.RecordingRule;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** What the recording rules' API needs: the rules in PostgreSQL, their minutes in ClickHouse. */
public record RecordingDeps(RecordingRuleStore rules, RecordedMinutes minutes) {

  public RecordingDeps {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(minutes, "minutes");
  }

  /** The rules over {@code db}, the minutes over {@code clickhouse}. */
  public static RecordingDeps over(Connections db, ClickHouseReader clickhouse) {
    return new RecordingDeps(new RecordingRuleStore(db), new RecordedMinutes(clickhouse));
  }

  /** The recording rules as {@code derived_metric} alert rules see them. */
  public DerivedMetrics derivedMetrics() {
    return new DerivedMetrics() {
      @Override
      public Optional<RecordingRule> rule(String projectId, UUID id) {
        return rules.get(projectId, id).map(RecordingRuleStore.RuleRow::rule);
      }

      @Override
      public WatchedMinutes minutes(
          String projectId, RecordingRule rule, DerivedMetric watch, TimeRange range) {
        return RecordingDeps.this.minutes.watched(projectId, rule, watch, range);
      }
    };
  }

  /** Recording rules without stores: every route answers 503. */
  public static RecordingDeps unavailable() {
    return new RecordingDeps(
        new RecordingRuleStore(
            () -> {
              throw new SQLException("recording rules are not configured on this server");
            }),
        RecordedMinutes.unavailable());
  }
}
