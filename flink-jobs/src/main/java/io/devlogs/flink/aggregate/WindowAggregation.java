package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogWindow;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * One-minute event-time windows per (project, service, level):
 *
 * <pre>
 * events (watermarks from the source: {@link ReceivedTimeWatermarks}, per Kafka partition)
 *        -> MinuteCombiner (time = the event's own time; the events of each key and minute
 *           combined into one {@link WindowInput} until the next watermark or checkpoint;
 *           watermarks pass through)
 *        -> keyBy(project, service, level) -> tumbling 1 min, allowed lateness
 *        -> aggregate(CountWindowEvents, EmitWindowRow) -> LogWindow rows (one per firing)
 *        -> (side output TOO_LATE) events later than the allowed lateness
 * </pre>
 *
 * Windows aggregate incrementally: state per window is one {@link WindowAccumulator} (counts and a
 * sparse latency histogram), never the events; only combined totals cross the shuffle.
 */
public final class WindowAggregation {

  public static final Duration WINDOW = Duration.ofMinutes(1);

  /**
   * The {@link MinuteCombiner}. Its uid is that of the operators it replaced (which set the event
   * time, and before that assigned watermarks), so savepoints keep working.
   */
  public static final String WATERMARKS_NAME = "Event time, combined per key and minute";

  public static final String WATERMARKS_UID = "event-time-watermarks";
  public static final String WINDOWS_NAME = "Minute windows per project, service and level";
  public static final String WINDOWS_UID = "minute-windows";
  public static final String TOO_LATE_NAME = "Too late for windows";
  public static final String TOO_LATE_UID = "too-late-for-windows";

  /**
   * Events that arrived after their window's allowed lateness, each on its own with the event
   * ({@link WindowInput#event()} is never null here).
   */
  public static final OutputTag<WindowInput> TOO_LATE =
      new OutputTag<>("too-late-for-windows", TypeInformation.of(WindowInput.class));

  public static final TypeInformation<Tuple3<String, String, String>> KEY_TYPE =
      Types.TUPLE(Types.STRING, Types.STRING, Types.STRING);

  private WindowAggregation() {}

  /**
   * Puts {@code events} on their event time, combines them per key and minute ({@link
   * MinuteCombiner}) and aggregates them into minute rows. The watermarks are those {@code events}
   * carry: {@link ReceivedTimeWatermarks} from the source in the job (a bounded stream without
   * watermarks fires every window once, at its end).
   */
  public static SingleOutputStreamOperator<LogWindow> aggregate(
      DataStream<LogEvent> events, WindowOptions options) {
    DataStream<WindowInput> combined =
        events
            .transform(
                WATERMARKS_NAME,
                TypeInformation.of(WindowInput.class),
                new MinuteCombiner<>(WindowInput.COMBINING))
            .uid(WATERMARKS_UID);
    return windows(combined, options.allowedLateness());
  }

  /** The window operator over inputs that already carry timestamps and watermarks. */
  public static SingleOutputStreamOperator<LogWindow> windows(
      DataStream<WindowInput> timed, Duration allowedLateness) {
    TypeInformation<WindowAccumulator> accumulator = TypeInformation.of(WindowAccumulator.class);
    return timed
        .keyBy(new WindowKey(), KEY_TYPE)
        .window(TumblingEventTimeWindows.of(WINDOW))
        .allowedLateness(allowedLateness)
        .sideOutputLateData(TOO_LATE)
        .aggregate(
            new CountWindowEvents(),
            new EmitWindowRow(),
            accumulator,
            accumulator,
            TypeInformation.of(LogWindow.class))
        .name(WINDOWS_NAME)
        .uid(WINDOWS_UID);
  }

  /**
   * (project, service, level name). Level by name: an enum's hashCode differs between JVMs, so it
   * must not decide the key group.
   */
  public static final class WindowKey
      implements KeySelector<WindowInput, Tuple3<String, String, String>> {
    @Override
    public Tuple3<String, String, String> getKey(WindowInput input) {
      return Tuple3.of(input.project(), input.service(), input.level().name());
    }
  }
}
