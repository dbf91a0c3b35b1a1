package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.LogEvent;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Flink wrapper around {@link WindowAccumulator}: adds each event to the window's totals. */
public class CountWindowEvents
    implements AggregateFunction<LogEvent, WindowAccumulator, WindowAccumulator> {

  @Override
  public WindowAccumulator createAccumulator() {
    return new WindowAccumulator();
  }

  @Override
  public WindowAccumulator add(LogEvent event, WindowAccumulator accumulator) {
    return accumulator.add(event);
  }

  @Override
  public WindowAccumulator getResult(WindowAccumulator accumulator) {
    return accumulator;
  }

  @Override
  public WindowAccumulator merge(WindowAccumulator a, WindowAccumulator b) {
    return a.merge(b);
  }
}
