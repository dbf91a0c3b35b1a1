package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogWindow;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a window's totals into a {@link LogWindow} row, once per firing: at the watermark (on time)
 * and again for every late event within the allowed lateness, each time the full row with a higher
 * version.
 *
 * <p><b>Version</b> = {@code max(previous version + 1, processing time in ms * 1000)}, the previous
 * version kept in per-window state (cleared with the window). Within a run it strictly increases
 * per window. After a restore from a checkpoint the replayed firings may come in a different number
 * than before the failure (on-time and late events can interleave differently), so a plain firing
 * counter could give the final row a lower version than a stale row written before the failure; the
 * processing-time part makes every row written after the restart win over every row written before
 * it (assumes TaskManager clocks do not step back by more than the restart took). The window's
 * totals are in checkpointed state, so the replayed row holds every event of the window.
 */
public class EmitWindowRow
    extends ProcessWindowFunction<
        WindowAccumulator, LogWindow, Tuple3<String, String, String>, TimeWindow> {

  /** Per-window state: the version of the window's last row (a savepoint holds it). */
  public static final ValueStateDescriptor<Long> LAST_VERSION =
      new ValueStateDescriptor<>("last-version", Types.LONG);

  @Override
  public void process(
      Tuple3<String, String, String> key,
      Context context,
      Iterable<WindowAccumulator> totals,
      Collector<LogWindow> out)
      throws Exception {
    ValueState<Long> last = context.windowState().getState(LAST_VERSION);
    long version = nextVersion(last.value(), context.currentProcessingTime());
    last.update(version);
    out.collect(
        row(
            key.f0,
            key.f1,
            Level.valueOf(key.f2),
            context.window().getStart(),
            totals.iterator().next(),
            version));
  }

  @Override
  public void clear(Context context) {
    context.windowState().getState(LAST_VERSION).clear();
  }

  /** The version of the next firing of a window. */
  public static long nextVersion(Long previous, long processingTimeMillis) {
    long clock = Math.multiplyExact(Math.max(0, processingTimeMillis), 1000L);
    return previous == null ? Math.max(1, clock) : Math.max(previous + 1, clock);
  }

  /** The row of a window's totals. */
  public static LogWindow row(
      String project,
      String service,
      Level level,
      long windowStart,
      WindowAccumulator totals,
      long version) {
    LatencyHistogram latency = totals.latency();
    return new LogWindow(
        project,
        service,
        level,
        windowStart,
        totals.events(),
        totals.bytes(),
        totals.errors(),
        latency.count(),
        latency.sum(),
        latency.min(),
        latency.max(),
        latency.percentile(0.50),
        latency.percentile(0.95),
        latency.percentile(0.99),
        latency.bucketIds(),
        latency.bucketCounts(),
        version);
  }
}
