package io.devlogs.bench.query;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves forward by a fixed step on every read, so a generator that stamps each event
 * with "now" spreads {@code n} events evenly over {@code n * step}. Not thread-safe.
 */
final class SteppingClock extends Clock {

  private final Instant start;
  private final long stepNanos;
  private long reads;

  SteppingClock(Instant start, long stepNanos) {
    if (stepNanos < 1) {
      throw new IllegalArgumentException("step must be at least 1 ns, got " + stepNanos);
    }
    this.start = start;
    this.stepNanos = stepNanos;
  }

  @Override
  public Instant instant() {
    return start.plusNanos(Math.multiplyExact(reads++, stepNanos));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a stepping clock is always UTC");
  }
}
