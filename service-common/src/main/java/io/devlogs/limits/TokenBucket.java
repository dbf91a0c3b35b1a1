package io.devlogs.limits;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A token bucket: holds at most {@code burst} tokens and gains {@link Rate#amount()} tokens every
 * {@link Rate#period()}. Its users hold its lock around reading and taking ({@link
 * KeyedBuckets#takeAll}). Times are {@link System#nanoTime()} readings.
 */
final class TokenBucket {

  private final ReentrantLock lock = new ReentrantLock();

  private final double burst;
  private final double perNano;
  private double tokens;
  private long updatedNanos;

  TokenBucket(Rate rate, long nowNanos) {
    this.burst = rate.burst();
    this.perNano = rate.perNano();
    this.tokens = burst;
    this.updatedNanos = nowNanos;
  }

  void lock() {
    lock.lock();
  }

  void unlock() {
    lock.unlock();
  }

  /** Nanoseconds until {@code cost} tokens are available; 0 if they are now. */
  long nanosUntilAvailable(long cost, long nowNanos) {
    refill(nowNanos);
    double missing = cost - tokens;
    return missing <= 0 ? 0 : (long) Math.ceil(missing / perNano);
  }

  /** Takes {@code cost} tokens; call only after {@link #nanosUntilAvailable} returned 0. */
  void take(long cost) {
    tokens -= cost;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - updatedNanos;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * perNano);
      updatedNanos = nowNanos;
    }
  }
}
