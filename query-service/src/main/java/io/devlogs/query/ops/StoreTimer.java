package io.devlogs.query.ops;

/** Records how long one query to one store took and how it ended; see {@link QueryMetrics}. */
@FunctionalInterface
public interface StoreTimer {
  /** A timer that records nothing, for readers built without metrics (tests, benchmarks). */
  StoreTimer NONE = (seconds, outcome) -> {};

  void record(double seconds, StoreOutcome outcome);
}
