package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.LogWindow;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Flink wrapper around {@link LatestMinutes}: an hour window keeps the newest row of each of its
 * minutes and yields their sum.
 */
public class CollectLatestMinutes
    implements AggregateFunction<LogWindow, LatestMinutes, WindowAccumulator> {

  @Override
  public LatestMinutes createAccumulator() {
    return new LatestMinutes();
  }

  @Override
  public LatestMinutes add(LogWindow row, LatestMinutes accumulator) {
    return accumulator.add(row);
  }

  @Override
  public WindowAccumulator getResult(LatestMinutes accumulator) {
    return accumulator.total();
  }

  @Override
  public LatestMinutes merge(LatestMinutes a, LatestMinutes b) {
    return a.merge(b);
  }
}
