package io.devlogs.flink.recording;

/**
 * One row of ClickHouse {@code recorded_minutes}: a recording rule's statistics of one group and
 * event-time minute, in its {@code version}-th firing (higher replaces).
 *
 * @param other whether this is the group of the events past the rule's {@code max_groups}
 */
public record RecordedMinute(
    String project,
    String ruleId,
    long minuteStartMillis,
    String group,
    boolean other,
    long events,
    long valueCount,
    double valueSum,
    double valueMin,
    double valueMax,
    double valueP50,
    double valueP90,
    double valueP99,
    int[] valueBucketIds,
    long[] valueBucketCounts,
    long version) {

  /** The row of one group's statistics. */
  public static RecordedMinute of(
      String project,
      String ruleId,
      long minuteStartMillis,
      String group,
      boolean other,
      GroupStats stats,
      long version) {
    return new RecordedMinute(
        project,
        ruleId,
        minuteStartMillis,
        group,
        other,
        stats.events(),
        stats.values(),
        stats.sum(),
        stats.min(),
        stats.max(),
        stats.quantile(0.5),
        stats.quantile(0.9),
        stats.quantile(0.99),
        stats.histogram().bucketIds(),
        stats.histogram().bucketCounts(),
        version);
  }
}
