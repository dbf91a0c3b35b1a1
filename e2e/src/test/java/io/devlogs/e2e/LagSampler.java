package io.devlogs.e2e;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples once a second how many acknowledged events each store does not hold yet (its lag, in
 * events), to tell how far a fault set a store back and when it caught up again.
 */
final class LagSampler implements AutoCloseable {
  private record Sample(long atMillis, Map<String, Long> lag) {}

  private final LongSupplier acknowledged;
  private final Map<String, LongSupplier> stores;
  private final List<Sample> samples = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();

  /** {@code stores}: each store's name and how many of the project's events it holds. */
  LagSampler(LongSupplier acknowledged, Map<String, LongSupplier> stores) {
    this.acknowledged = acknowledged;
    this.stores = stores;
  }

  void start() {
    thread.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
  }

  private void sample() {
    try {
      long at = System.currentTimeMillis();
      long acked = acknowledged.getAsLong(); // first: a store never looks ahead of ingest
      Map<String, Long> lag = new java.util.LinkedHashMap<>();
      stores.forEach((store, held) -> lag.put(store, acked - held.getAsLong()));
      samples.add(new Sample(at, Map.copyOf(lag)));
    } catch (RuntimeException e) {
      // a store that does not answer is behind by definition; the next sample tells how far
    }
  }

  /** The store's highest lag in samples taken from {@code fromMillis} on (0 if none). */
  long highestLag(String store, long fromMillis) {
    return samples.stream()
        .filter(s -> s.atMillis() >= fromMillis)
        .mapToLong(s -> s.lag().get(store))
        .max()
        .orElse(0);
  }

  /** The store's highest lag in samples taken before {@code untilMillis}. */
  long highestLagBefore(String store, long untilMillis) {
    return samples.stream()
        .filter(s -> s.atMillis() < untilMillis)
        .mapToLong(s -> s.lag().get(store))
        .max()
        .orElse(0);
  }

  /** When the store's lag was first at most {@code limit} from {@code fromMillis} on. */
  OptionalLong caughtUpAt(String store, long fromMillis, long limit) {
    return samples.stream()
        .filter(s -> s.atMillis() >= fromMillis && s.lag().get(store) <= limit)
        .mapToLong(Sample::atMillis)
        .findFirst();
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
