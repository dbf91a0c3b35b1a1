package io.devlogs.query.recording;

import io.devlogs.query.alerts.Connections;
import io.devlogs.query.clickhouse.ClickHouseReader;
import java.sql.SQLException;
import java.util.Objects;

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
