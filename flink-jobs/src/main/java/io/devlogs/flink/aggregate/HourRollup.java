package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.LogWindow;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The hourly rollup of the minute rows ({@link WindowAggregation}), which ClickHouse {@code
 * event_hours} keeps so that a day's metrics read 24 rows per key instead of 1,440:
 *
 * <pre>
 * minute rows (still keyed by (project, service, level): reinterpreted, no shuffle, chained)
 *        -> tumbling 1 h, the minute windows' allowed lateness
 *        -> aggregate(CollectLatestMinutes, EmitHourRow) -> LogWindow rows whose start is the hour
 * </pre>
 *
 * A minute row carries its minute's last millisecond as its time, so it falls in its own hour. The
 * minute windows upstream fire on a watermark before passing it on, so an hour fires after the row
 * of its last minute arrived, and then again, with a higher version, for every late row of one of
 * its minutes: a minute fires late only while {@code minute end + lateness} is after the watermark,
 * so its hour is still within the same lateness. Each firing is the sum of the newest row of each
 * minute ({@link LatestMinutes}), versioned as minute rows are ({@link EmitWindowRow}). After an
 * upgrade from a job without the rollup, the hours that started before it get no row ({@link
 * EmitHourRow}).
 */
public final class HourRollup {

  public static final Duration HOUR = Duration.ofHours(1);
  public static final String NAME = "Hour rollup of the minute windows";
  public static final String UID = "hour-rollup";

  private HourRollup() {}

  /** Hour rows of {@code minutes}, the stream {@link WindowAggregation#windows} returns. */
  public static SingleOutputStreamOperator<LogWindow> of(
      DataStream<LogWindow> minutes, Duration allowedLateness) {
    TypeInformation<LogWindow> rows = TypeInformation.of(LogWindow.class);
    return DataStreamUtils.reinterpretAsKeyedStream(
            minutes, new RowKey(), WindowAggregation.KEY_TYPE)
        .window(TumblingEventTimeWindows.of(HOUR))
        .allowedLateness(allowedLateness)
        .aggregate(
            new CollectLatestMinutes(),
            new EmitHourRow(),
            TypeInformation.of(LatestMinutes.class),
            TypeInformation.of(WindowAccumulator.class),
            rows)
        .name(NAME)
        .uid(UID);
  }

  /**
   * The hour row of an hour's minute rows, at {@code version}: what the job writes for them when no
   * minute is fired again (loaders that write minute rows themselves write this next to them).
   */
  public static LogWindow hourRow(
      long hourStartMillis, Iterable<LogWindow> minuteRows, long version) {
    LatestMinutes latest = new LatestMinutes();
    LogWindow any = null;
    for (LogWindow row : minuteRows) {
      latest.add(row);
      any = row;
    }
    if (any == null) {
      throw new IllegalArgumentException("an hour row needs at least one minute row");
    }
    return EmitWindowRow.row(
        any.project(), any.service(), any.level(), hourStartMillis, latest.total(), version);
  }

  /**
   * The key a minute row was aggregated under ({@link WindowAggregation.WindowKey}): equal keys, so
   * the rows are already partitioned as {@code keyBy} would partition them.
   */
  static final class RowKey implements KeySelector<LogWindow, Tuple3<String, String, String>> {
    @Override
    public Tuple3<String, String, String> getKey(LogWindow row) {
      return Tuple3.of(row.project(), row.service(), row.level().name());
    }
  }
}
