package io.devlogs.bench.query;

/**
 * One kind of timed request, varied by the run number. A failed request is a {@link Sample} with an
 * error, never an exception, so one failing endpoint does not stop the benchmark.
 */
interface Probe {

  /** What is asked, for the report (e.g. the path of run 0). */
  String describe(int run);

  Sample call(int run);

  /**
   * One timed request.
   *
   * @param nanos how long it took
   * @param size how many items the answer held (events, buckets, points, rows)
   * @param error why it failed, or null
   */
  record Sample(long nanos, long size, String error) {

    static Sample failed(long nanos, String error) {
      return new Sample(nanos, 0, error);
    }

    boolean ok() {
      return error == null;
    }
  }
}
