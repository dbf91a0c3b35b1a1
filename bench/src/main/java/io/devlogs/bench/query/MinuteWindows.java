package io.devlogs.bench.query;

import io.devlogs.flink.aggregate.EmitWindowRow;
import io.devlogs.flink.aggregate.HourRollup;
import io.devlogs.flink.aggregate.WindowAccumulator;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code event_windows} rows of a set of events, computed with the job's own code: one {@link
 * WindowAccumulator} per (service, level, event-time minute), turned into a row by {@link
 * EmitWindowRow#row} with the given version, exactly as the job's on-time firing writes it.
 */
final class MinuteWindows {

  /** A window: its service, level and start (a minute's, or an hour's for hour rows). */
  private record Key(String service, Level level, long startMillis) {}

  private static final Comparator<Key> KEY_ORDER =
      Comparator.comparingLong(Key::startMillis)
          .thenComparing(Key::service)
          .thenComparing(Key::level);

  private static final long MINUTE_MILLIS = 60_000L;

  private final String project;
  private final Map<Key, WindowAccumulator> windows = new HashMap<>();

  MinuteWindows(String project) {
    this.project = project;
  }

  void add(LogEvent event) {
    if (!event.projectId().equals(project)) {
      throw new IllegalArgumentException(
          "event of project " + event.projectId() + " in the windows of " + project);
    }
    long minute = Math.floorDiv(event.epochMillis(), MINUTE_MILLIS) * MINUTE_MILLIS;
    windows
        .computeIfAbsent(
            new Key(event.service(), event.level(), minute), k -> new WindowAccumulator())
        .add(event);
  }

  /**
   * The hour rows the job's rollup ({@link HourRollup}) writes for {@code minuteRows} by {@code
   * until}: one per (service, level) and hour that ended by then, at {@code version}.
   */
  static List<LogWindow> closedHours(List<LogWindow> minuteRows, Instant until, long version) {
    long hourMillis = HourRollup.HOUR.toMillis();
    Map<Key, List<LogWindow>> hours = new TreeMap<>(KEY_ORDER);
    for (LogWindow row : minuteRows) {
      long hour = Math.floorDiv(row.windowStartMillis(), hourMillis) * hourMillis;
      if (hour + hourMillis <= until.toEpochMilli()) {
        hours
            .computeIfAbsent(new Key(row.service(), row.level(), hour), k -> new ArrayList<>())
            .add(row);
      }
    }
    List<LogWindow> rows = new ArrayList<>(hours.size());
    hours.forEach(
        (key, minutes) -> rows.add(HourRollup.hourRow(key.startMillis(), minutes, version)));
    return rows;
  }

  /** One row per window, oldest minute first. */
  List<LogWindow> rows(long version) {
    List<LogWindow> rows = new ArrayList<>(windows.size());
    windows.forEach(
        (key, totals) ->
            rows.add(
                EmitWindowRow.row(
                    project, key.service(), key.level(), key.startMillis(), totals, version)));
    rows.sort(
        Comparator.comparingLong(LogWindow::windowStartMillis)
            .thenComparing(LogWindow::service)
            .thenComparing(LogWindow::level));
    return rows;
  }
}
