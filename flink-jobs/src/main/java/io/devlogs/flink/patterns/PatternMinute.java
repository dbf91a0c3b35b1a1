package io.devlogs.flink.patterns;

import io.devlogs.flink.records.Level;
import java.util.Objects;

/**
 * One row of ClickHouse {@code devlogs.pattern_minutes}: how many events of one pattern one
 * event-time minute held, per service and level. Every firing of the minute (on time, and once per
 * late event) is the full row again with a higher version, as {@code event_windows} rows are.
 *
 * @param project the project
 * @param patternId the pattern
 * @param service the emitting service
 * @param level severity
 * @param minuteStartMillis start of the minute, epoch millis UTC
 * @param events events of the pattern in the minute
 * @param version strictly increasing per minute across firings and restarts
 */
public record PatternMinute(
    String project,
    String patternId,
    String service,
    Level level,
    long minuteStartMillis,
    long events,
    long version) {

  public PatternMinute {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(patternId, "patternId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(level, "level");
  }
}
