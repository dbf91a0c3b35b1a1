package io.devlogs.flink.alerts;

import io.devlogs.flink.aggregate.LatencyHistogram;
import io.devlogs.flink.recording.GroupStats;
import io.devlogs.flink.recording.RecordedMinute;
import io.devlogs.recording.RecordingAggregation;
import java.util.Locale;

/**
 * One closed minute of a derived metric as a {@code derived_metric} alert rule sees it: the
 * statistics of the groups it watches, added up, as the {@link #version}-th firing of the minute's
 * window wrote them. A firing writes the minute's full rows, so a row of a higher version replaces
 * the minute (a late event refired it), a row of the same version is another group of the same
 * firing and adds up, and a row of a lower version is stale ({@link #next}).
 *
 * <p>Plain Java; kept in the job's state as its {@link #encode} text.
 */
public final class DerivedMinute {

  private final long version;
  private final GroupStats stats;

  private DerivedMinute(long version, GroupStats stats) {
    this.version = version;
    this.stats = stats;
  }

  /** The minute of one recorded row. */
  public static DerivedMinute of(RecordedMinute row) {
    long inHistogram = 0;
    for (long n : row.valueBucketCounts()) {
      inHistogram += n;
    }
    GroupStats stats = new GroupStats();
    stats.setEvents(row.events());
    stats.setValues(row.valueCount());
    stats.setSum(row.valueSum());
    stats.setMin(row.valueMin());
    stats.setMax(row.valueMax());
    stats.setHistogram(
        LatencyHistogram.of(
            row.valueBucketIds(),
            row.valueBucketCounts(),
            inHistogram,
            row.valueSum(),
            Math.max(0, row.valueMin()),
            Math.max(0, row.valueMax())));
    return new DerivedMinute(row.version(), stats);
  }

  /** What the minute holds after {@code row} arrived, when it held {@code held} (null: nothing). */
  public static DerivedMinute next(DerivedMinute held, DerivedMinute row) {
    if (held == null || row.version > held.version) {
      return row;
    }
    if (row.version < held.version) {
      return held;
    }
    GroupStats sum = copy(held.stats);
    sum.merge(row.stats);
    return new DerivedMinute(held.version, sum);
  }

  /**
   * The metric's value in this minute: the recording rule's aggregation over the watched events;
   * NaN when a statistic of a field has no value to read (no event carried the field).
   */
  public double value(RecordingAggregation aggregation) {
    if (aggregation == RecordingAggregation.COUNT) {
      return stats.events();
    }
    if (stats.values() == 0) {
      return Double.NaN;
    }
    return switch (aggregation) {
      case SUM -> stats.sum();
      case MIN -> stats.min();
      case MAX -> stats.max();
      case AVG -> stats.sum() / stats.values();
      case P50, P90, P99 -> stats.quantile(aggregation.quantile());
      case COUNT -> stats.events();
    };
  }

  public long version() {
    return version;
  }

  /**
   * {@code version events values sum min max ids counts}, blank separated; ids and counts comma
   * separated (empty: {@code -}).
   */
  public String encode() {
    LatencyHistogram h = stats.histogram();
    return String.join(
        " ",
        Long.toString(version),
        Long.toString(stats.events()),
        Long.toString(stats.values()),
        Double.toString(stats.sum()),
        Double.toString(stats.min()),
        Double.toString(stats.max()),
        join(h.bucketIds().length == 0, java.util.Arrays.toString(h.bucketIds())),
        join(h.bucketCounts().length == 0, java.util.Arrays.toString(h.bucketCounts())));
  }

  /** The minute {@link #encode} wrote. */
  public static DerivedMinute decode(String text) {
    String[] f = text.split(" ");
    if (f.length != 8) {
      throw new IllegalArgumentException("not a derived minute: " + text);
    }
    String[] idText = f[6].equals("-") ? new String[0] : f[6].split(",");
    String[] countText = f[7].equals("-") ? new String[0] : f[7].split(",");
    int[] ids = new int[idText.length];
    long[] counts = new long[countText.length];
    long inHistogram = 0;
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Integer.parseInt(idText[i]);
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] = Long.parseLong(countText[i]);
      inHistogram += counts[i];
    }
    GroupStats stats = new GroupStats();
    stats.setEvents(Long.parseLong(f[1]));
    stats.setValues(Long.parseLong(f[2]));
    stats.setSum(Double.parseDouble(f[3]));
    stats.setMin(Double.parseDouble(f[4]));
    stats.setMax(Double.parseDouble(f[5]));
    stats.setHistogram(
        LatencyHistogram.of(
            ids,
            counts,
            inHistogram,
            stats.sum(),
            Math.max(0, stats.min()),
            Math.max(0, stats.max())));
    return new DerivedMinute(Long.parseLong(f[0]), stats);
  }

  private static String join(boolean empty, String arrayText) {
    return empty
        ? "-"
        : arrayText.substring(1, arrayText.length() - 1).replace(" ", "").toLowerCase(Locale.ROOT);
  }

  private static GroupStats copy(GroupStats stats) {
    GroupStats copy = new GroupStats();
    copy.merge(stats);
    return copy;
  }

  @Override
  public String toString() {
    return encode();
  }
}
