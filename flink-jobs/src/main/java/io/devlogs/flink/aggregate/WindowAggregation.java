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
 *        -> AssignEventTime (timestamp = the event's own time; watermarks pass through)
 *        -> keyBy(project, service, level) -> tumbling 1 min, allowed lateness
 *        -> aggregate(CountWindowEvents, EmitWindowRow) -> LogWindow rows (one per firing)
 *        -> (side output TOO_LATE) events later than the allowed lateness
 * </pre>
 *
 * Windows aggregate incrementally: state per window is one {@link WindowAccumulator} (counts and a
 * sparse latency histogram), never the events.
 */
public final class WindowAggregation {

  public static final Duration WINDOW = Duration.ofMinutes(1);

  /**
   * The {@link AssignEventTime} operator. Name and uid are those of the watermark assigner it
   * replaced, so savepoints and dashboards keep working.
   */
  public static final String WATERMARKS_NAME = "Event-time watermarks";

  public static final String WATERMARKS_UID = "event-time-watermarks";
  public static final String WINDOWS_NAME = "Minute windows per project, service and level";
  public static final String WINDOWS_UID = "minute-windows";
  public static final String TOO_LATE_NAME = "Too late for windows";
  public static final String TOO_LATE_UID = "too-late-for-windows";

  /** Events that arrived after their window's allowed lateness. */
  public static final OutputTag<LogEvent> TOO_LATE =
      new OutputTag<>("too-late-for-windows", TypeInformation.of(LogEvent.class));

  public static final TypeInformation<Tuple3<String, String, String>> KEY_TYPE =
      Types.TUPLE(Types.STRING, Types.STRING, Types.STRING);

  private WindowAggregation() {}

  /**
   * Puts {@code events} on their event time and aggregates them into minute rows. The watermarks
   * are those {@code events} carry: {@link ReceivedTimeWatermarks} from the source in the job (a
   * bounded stream without watermarks fires every window once, at its end).
   */
  public static SingleOutputStreamOperator<LogWindow> aggregate(
      DataStream<LogEvent> events, WindowOptions options) {
    DataStream<LogEvent> onEventTime =
        events
            .transform(WATERMARKS_NAME, events.getType(), new AssignEventTime())
            .uid(WATERMARKS_UID);
    return windows(onEventTime, options.allowedLateness());
  }

  /** The window operator over events that already carry timestamps and watermarks. */
  public static SingleOutputStreamOperator<LogWindow> windows(
      DataStream<LogEvent> timed, Duration allowedLateness) {
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
      implements KeySelector<LogEvent, Tuple3<String, String, String>> {
    @Override
    public Tuple3<String, String, String> getKey(LogEvent event) {
      return Tuple3.of(event.projectId(), event.service(), event.level().name());
    }
  }
}
