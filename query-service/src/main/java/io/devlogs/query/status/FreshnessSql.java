package io.devlogs.query.status;

import io.devlogs.query.clickhouse.SqlBuilder;
import io.devlogs.query.clickhouse.SqlQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The statement that finds a project's newest event; pure. {@code events} is sorted by {@code
 * (project, ts, ...)}, so a bound on {@code ts} makes ClickHouse read only the project's granules
 * of that span. It is asked for growing spans ({@link #SPANS}), the shortest first: a project that
 * receives events finds them in the first, small read; only a quiet one pays for the longer ones,
 * and never for more than {@link #LOOK_BACK}.
 */
final class FreshnessSql {
  static final List<Duration> SPANS =
      List.of(Duration.ofMinutes(15), Duration.ofHours(6), Duration.ofDays(7));
  static final Duration LOOK_BACK = SPANS.get(SPANS.size() - 1);

  static final String EVENTS = "n";
  static final String NEWEST_TS = "newest_ts";
  static final String NEWEST_RECEIVED_MS = "newest_received_ms";

  private FreshnessSql() {}

  /**
   * How many events of the project have an event time at or after {@code since}, and the newest.
   */
  static SqlQuery newestSince(String projectId, Instant since) {
    return new SqlBuilder()
        .append(
            "SELECT count() AS "
                + EVENTS
                + ", toUInt32(max(ts)) AS "
                + NEWEST_TS
                + ", max(received_ms) AS "
                + NEWEST_RECEIVED_MS
                + " FROM devlogs.events WHERE project = ? AND ts >= toDateTime(?)",
            projectId,
            since.getEpochSecond())
        .build();
  }
}
