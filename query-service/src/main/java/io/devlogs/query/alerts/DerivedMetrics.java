package io.devlogs.query.alerts;

import io.devlogs.alerts.DerivedMetric;
import io.devlogs.query.records.TimeRange;
import io.devlogs.recording.RecordingRule;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

/**
 * What the alerts API needs of the recording rules for {@code derived_metric} rules: whether the
 * named recording rule is the project's (another project's id is not there), and the stored minutes
 * of the groups a rule watches, for its preview.
 */
public interface DerivedMetrics {

  /** The project's recording rule {@code id}; empty for an unknown id or another project's. */
  Optional<RecordingRule> rule(String projectId, UUID id);

  /** The metric's value per minute (start to value) of the groups {@code watch} names. */
  WatchedMinutes minutes(
      String projectId, RecordingRule rule, DerivedMetric watch, TimeRange range);

  /**
   * The watched groups' value per minute (a minute without one is absent), or why it cannot be read
   * from the stored rows ({@code unavailable}, null when it can).
   */
  record WatchedMinutes(SortedMap<Instant, Double> values, String unavailable) {}
}
