package io.devlogs.flink.patterns;

import io.devlogs.flink.records.Level;
import java.util.Objects;

/**
 * How many events of one (project, pattern, service, level) and minute a {@code MinuteCombiner}
 * counted before the shuffle to {@link PatternMinutes}' windows (the minute is the record's time).
 *
 * @param project the project
 * @param patternId the pattern
 * @param service the emitting service
 * @param level severity
 * @param events how many events
 */
public record PatternCount(
    String project, String patternId, String service, Level level, long events) {

  public PatternCount {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(patternId, "patternId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(level, "level");
  }

  /** The key of the pattern minutes. */
  public record Key(String project, String patternId, String service, Level level) {}
}
