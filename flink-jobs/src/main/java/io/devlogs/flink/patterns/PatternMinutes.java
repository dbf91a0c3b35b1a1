package io.devlogs.flink.patterns;

import io.devlogs.flink.aggregate.EmitWindowRow;
import io.devlogs.flink.aggregate.MinuteCombiner;
import io.devlogs.flink.aggregate.WindowAggregation;
import io.devlogs.flink.aggregate.WindowOptions;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Per-minute counts per pattern: one-minute event-time windows per (project, pattern, service,
 * level), on the watermarks and allowed lateness of the job's other minute windows ({@link
 * WindowAggregation}), each firing a full {@link PatternMinute} row with a higher version ({@link
 * EmitWindowRow#nextVersion}). Events too late for these windows are too late for those as well,
 * which send them to the dead letters; here they are not counted a second time.
 *
 * <p>The events of each key and minute are counted before the shuffle ({@link MinuteCombiner} with
 * {@link #COMBINING}): only {@link PatternCount}s cross it, and the windows update their state once
 * per count, not once per event.
 */
public final class PatternMinutes {

  public static final String WATERMARKS_NAME = "Pattern event time";
  public static final String WATERMARKS_UID = "pattern-event-time";
  public static final String WINDOWS_NAME = "Minute counts per pattern";
  public static final String WINDOWS_UID = "pattern-minutes";

  public static final TypeInformation<Tuple4<String, String, String, String>> KEY_TYPE =
      Types.TUPLE(Types.STRING, Types.STRING, Types.STRING, Types.STRING);

  /** How events add up into counts before the shuffle. */
  public static final MinuteCombiner.Combining<PatternCount.Key, Long, PatternCount> COMBINING =
      new Counting();

  private PatternMinutes() {}

  /** The minute rows of events that carry their pattern id. */
  public static SingleOutputStreamOperator<PatternMinute> count(
      DataStream<LogEvent> events, WindowOptions options) {
    return events
        .transform(
            WATERMARKS_NAME,
            TypeInformation.of(PatternCount.class),
            new MinuteCombiner<>(COMBINING))
        .uid(WATERMARKS_UID)
        .keyBy(new PatternKey(), KEY_TYPE)
        .window(TumblingEventTimeWindows.of(WindowAggregation.WINDOW))
        .allowedLateness(options.allowedLateness())
        .aggregate(
            new CountEvents(),
            new EmitMinute(),
            Types.LONG,
            Types.LONG,
            TypeInformation.of(PatternMinute.class))
        .name(WINDOWS_NAME)
        .uid(WINDOWS_UID);
  }

  /** (project, pattern, service, level name); the level by name for a JVM-independent hash. */
  public static final class PatternKey
      implements KeySelector<PatternCount, Tuple4<String, String, String, String>> {
    @Override
    public Tuple4<String, String, String, String> getKey(PatternCount c) {
      return Tuple4.of(c.project(), c.patternId(), c.service(), c.level().name());
    }
  }

  /** Adds up a window's counts. */
  public static final class CountEvents implements AggregateFunction<PatternCount, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(PatternCount counted, Long count) {
      return count + counted.events();
    }

    @Override
    public Long getResult(Long count) {
      return count;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  /** A window's count as a row, its version kept in per-window state like {@link EmitWindowRow}. */
  public static final class EmitMinute
      extends ProcessWindowFunction<
          Long, PatternMinute, Tuple4<String, String, String, String>, TimeWindow> {

    @Override
    public void process(
        Tuple4<String, String, String, String> key,
        Context context,
        Iterable<Long> counts,
        Collector<PatternMinute> out)
        throws Exception {
      ValueState<Long> last = context.windowState().getState(EmitWindowRow.LAST_VERSION);
      long version = EmitWindowRow.nextVersion(last.value(), context.currentProcessingTime());
      last.update(version);
      out.collect(
          new PatternMinute(
              key.f0,
              key.f1,
              key.f2,
              Level.valueOf(key.f3),
              context.window().getStart(),
              counts.iterator().next(),
              version));
    }

    @Override
    public void clear(Context context) {
      context.windowState().getState(EmitWindowRow.LAST_VERSION).clear();
    }
  }

  private static final class Counting
      implements MinuteCombiner.Combining<PatternCount.Key, Long, PatternCount> {
    private static final long serialVersionUID = 1L;

    @Override
    public PatternCount.Key key(LogEvent e) {
      return new PatternCount.Key(e.projectId(), e.patternId(), e.service(), e.level());
    }

    @Override
    public Long add(Long sum, LogEvent event) {
      return sum == null ? 1L : sum + 1;
    }

    @Override
    public PatternCount sum(PatternCount.Key key, Long sum) {
      return new PatternCount(key.project(), key.patternId(), key.service(), key.level(), sum);
    }

    @Override
    public PatternCount alone(LogEvent e) {
      return sum(key(e), 1L);
    }
  }
}
