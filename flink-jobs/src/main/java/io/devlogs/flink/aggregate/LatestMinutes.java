package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.LogWindow;
import java.util.Arrays;

/**
 * The newest row of each minute of one hour (one project, service and level): what an hour window
 * of {@link HourRollup} keeps, sixty rows at most however often its minutes are fired again. A
 * minute's row replaces the one it holds only with a higher version, as ClickHouse's {@code
 * ReplacingMergeTree(version)} does, so the order rows arrive in does not matter.
 *
 * <p>A public array field so Flink serializes it as a POJO (rows as {@link LogWindow} POJOs, empty
 * minutes as nulls).
 */
public final class LatestMinutes {

  private static final int MINUTES_PER_HOUR = 60;
  private static final long MINUTE_MILLIS = WindowAggregation.WINDOW.toMillis();

  /** Index: the minute within its hour. */
  public LogWindow[] newest = new LogWindow[MINUTES_PER_HOUR];

  public LatestMinutes() {}

  /** Keeps {@code row} if its minute holds no row yet or an older version. */
  public LatestMinutes add(LogWindow row) {
    int minute = (int) Math.floorMod(row.windowStartMillis() / MINUTE_MILLIS, MINUTES_PER_HOUR);
    LogWindow held = newest[minute];
    if (held == null || held.version() < row.version()) {
      newest[minute] = row;
    }
    return this;
  }

  /** Keeps the newer row of each minute of both. */
  public LatestMinutes merge(LatestMinutes other) {
    for (LogWindow row : other.newest) {
      if (row != null) {
        add(row);
      }
    }
    return this;
  }

  /** The sum of the rows held: counts added, latency histograms merged bucket by bucket. */
  public WindowAccumulator total() {
    WindowAccumulator total = new WindowAccumulator();
    for (LogWindow row : newest) {
      if (row != null) {
        total.merge(totalsOf(row));
      }
    }
    return total;
  }

  private static WindowAccumulator totalsOf(LogWindow row) {
    WindowAccumulator totals = new WindowAccumulator();
    totals.setEvents(row.events());
    totals.setBytes(row.bytes());
    totals.setErrors(row.errors());
    if (row.latencyCount() > 0) {
      totals.setLatency(
          LatencyHistogram.of(
              row.latencyBucketIds(),
              row.latencyBucketCounts(),
              row.latencyCount(),
              row.latencySum(),
              row.latencyMin(),
              row.latencyMax()));
    }
    return totals;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatestMinutes other && Arrays.equals(newest, other.newest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(newest);
  }
}
