package io.devlogs.flink.aggregate;

import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Flink wrapper around {@link WindowAccumulator}: adds each input's totals (one event's or several
 * combined, {@link WindowInput}) to the window's totals.
 */
public class CountWindowEvents
    implements AggregateFunction<WindowInput, WindowAccumulator, WindowAccumulator> {

  @Override
  public WindowAccumulator createAccumulator() {
    return new WindowAccumulator();
  }

  @Override
  public WindowAccumulator add(WindowInput input, WindowAccumulator accumulator) {
    return accumulator.merge(input.totals());
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
