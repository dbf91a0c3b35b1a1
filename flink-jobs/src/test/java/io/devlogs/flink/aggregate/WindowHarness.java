package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogWindow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** The production window operator, taken from the graph, in a keyed operator test harness. */
final class WindowHarness {

  private static final AtomicLong IDS = new AtomicLong();

  private WindowHarness() {}

  @SuppressWarnings("unchecked")
  static KeyedOneInputStreamOperatorTestHarness<
          Tuple3<String, String, String>, WindowInput, LogWindow>
      create(Duration allowedLateness) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    var windows =
        WindowAggregation.windows(
            env.fromData(
                List.of(WindowInput.of(event("p", "s", Level.INFO, 0, null))),
                TypeInformation.of(WindowInput.class)),
            allowedLateness);
    var transformation =
        (OneInputTransformation<WindowInput, LogWindow>) windows.getTransformation();
    return new KeyedOneInputStreamOperatorTestHarness<>(
        (OneInputStreamOperator<WindowInput, LogWindow>) transformation.getOperator(),
        (KeySelector<WindowInput, Tuple3<String, String, String>>)
            transformation.getStateKeySelector(),
        (TypeInformation<Tuple3<String, String, String>>) transformation.getStateKeyType());
  }

  /** An event at {@code millis}, received at the same time, with an optional duration. */
  static LogEvent event(
      String project, String service, Level level, long millis, Double durationMs) {
    return new LogEvent(
        project,
        "e" + IDS.incrementAndGet(),
        millis * 1_000_000L,
        level,
        service,
        "default",
        "msg",
        durationMs == null ? Map.of() : Map.of("duration_ms", Double.toString(durationMs)),
        millis);
  }
}
