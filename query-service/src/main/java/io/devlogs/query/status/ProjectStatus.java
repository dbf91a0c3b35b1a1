package io.devlogs.query.status;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/status}: whether the project's data is fresh and the pipeline runs (schema {@code
 * ProjectStatus} of the OpenAPI document). Numbers that could not be measured are null.
 *
 * @param verdict {@code ok}, {@code stale}, {@code stalled} or {@code down}
 * @param reason the verdict in words
 * @param checkedAt when this answer was made
 * @param newestEvent the project's newest searchable event in the last 7 days, or null
 * @param freshnessSeconds seconds since that event was received, or null
 * @param job the pipeline job
 * @param consumerLag the job's lag on the raw topic
 * @param deadLettersLastHour the project's dead letters received in the last hour
 * @param problems what could not be measured, in words
 */
public record ProjectStatus(
    String verdict,
    String reason,
    Instant checkedAt,
    NewestEvent newestEvent,
    Double freshnessSeconds,
    Job job,
    Lag consumerLag,
    Long deadLettersLastHour,
    List<String> problems) {

  /**
   * @param name the job's name on the Flink cluster
   * @param state its Flink state, {@code ABSENT} or {@code UNREACHABLE}
   * @param lastCheckpointAgeSeconds seconds since its latest completed checkpoint (since its start
   *     before the first), or null when it is not RUNNING
   */
  public record Job(String name, String state, Double lastCheckpointAgeSeconds) {}

  /**
   * @param events raw records its consumer group has not committed
   * @param seconds how long the oldest of them has waited (0 without lag)
   * @param measuredAs how {@code seconds} is measured
   */
  public record Lag(Long events, Double seconds, String measuredAs) {
    public static final String MEASURED_AS =
        "age of the oldest raw record the job has not committed yet; the job commits when a"
            + " checkpoint completes, so a job that keeps up shows up to about one checkpoint"
            + " interval";
  }
}
