package io.devlogs.flink.records;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One row of ClickHouse {@code devlogs.event_windows}: the totals of one event-time minute of one
 * project, service and level. Every firing of a window (on time, and once per late event) emits the
 * full row again with a higher {@code version}; the table keeps the row with the highest version,
 * so a late update replaces the earlier row instead of adding to it.
 *
 * @param project project id
 * @param service emitting service
 * @param level severity
 * @param windowStartMillis start of the minute, epoch millis UTC
 * @param events number of events
 * @param bytes UTF-8 bytes of messages plus attribute keys and values
 * @param errors events of level ERROR or FATAL
 * @param latencyCount events that carried a duration
 * @param latencySum sum of those durations, milliseconds
 * @param latencyMin smallest duration (0 when none)
 * @param latencyMax largest duration (0 when none)
 * @param latencyP50 median duration, milliseconds (within 1% of the exact nearest-rank value)
 * @param latencyP95 95th percentile
 * @param latencyP99 99th percentile
 * @param latencyBucketIds non-empty histogram buckets, ascending (layout: {@code
 *     io.devlogs.flink.aggregate.LatencyHistogram})
 * @param latencyBucketCounts counts of those buckets
 * @param version strictly increasing per window across firings and restarts
 */
public record LogWindow(
    String project,
    String service,
    Level level,
    long windowStartMillis,
    long events,
    long bytes,
    long errors,
    long latencyCount,
    double latencySum,
    double latencyMin,
    double latencyMax,
    double latencyP50,
    double latencyP95,
    double latencyP99,
    int[] latencyBucketIds,
    long[] latencyBucketCounts,
    long version) {

  public LogWindow {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(level, "level");
    latencyBucketIds = latencyBucketIds == null ? new int[0] : latencyBucketIds;
    latencyBucketCounts = latencyBucketCounts == null ? new long[0] : latencyBucketCounts;
    if (latencyBucketIds.length != latencyBucketCounts.length) {
      throw new IllegalArgumentException("latency bucket ids and counts differ in length");
    }
  }

  /** The start of the window's minute. */
  public Instant minute() {
    return Instant.ofEpochMilli(windowStartMillis);
  }

  /** The same row with another version. */
  public LogWindow withVersion(long newVersion) {
    return new LogWindow(
        project,
        service,
        level,
        windowStartMillis,
        events,
        bytes,
        errors,
        latencyCount,
        latencySum,
        latencyMin,
        latencyMax,
        latencyP50,
        latencyP95,
        latencyP99,
        latencyBucketIds,
        latencyBucketCounts,
        newVersion);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogWindow w
        && project.equals(w.project)
        && service.equals(w.service)
        && level == w.level
        && windowStartMillis == w.windowStartMillis
        && events == w.events
        && bytes == w.bytes
        && errors == w.errors
        && latencyCount == w.latencyCount
        && Double.compare(latencySum, w.latencySum) == 0
        && Double.compare(latencyMin, w.latencyMin) == 0
        && Double.compare(latencyMax, w.latencyMax) == 0
        && Double.compare(latencyP50, w.latencyP50) == 0
        && Double.compare(latencyP95, w.latencyP95) == 0
        && Double.compare(latencyP99, w.latencyP99) == 0
        && Arrays.equals(latencyBucketIds, w.latencyBucketIds)
        && Arrays.equals(latencyBucketCounts, w.latencyBucketCounts)
        && version == w.version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(project, service, level.name(), windowStartMillis, events, version);
  }

  @Override
  public String toString() {
    return "LogWindow{"
        + project
        + "/"
        + service
        + "/"
        + level
        + " @"
        + minute()
        + " events="
        + events
        + " bytes="
        + bytes
        + " errors="
        + errors
        + " latency(n="
        + latencyCount
        + " sum="
        + latencySum
        + " min="
        + latencyMin
        + " max="
        + latencyMax
        + " p50="
        + latencyP50
        + " p95="
        + latencyP95
        + " p99="
        + latencyP99
        + " buckets="
        + Arrays.toString(latencyBucketIds)
        + "x"
        + Arrays.toString(latencyBucketCounts)
        + ") v"
        + version
        + "}";
  }
}
