package io.devlogs.query.status;

import io.devlogs.ops.health.PipelineHealth;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The pipeline's health, shared by every project's status: probed at most once per {@code maxAge}
 * whatever the number of dashboards asking, so they do not hammer the JobManager and Kafka. A probe
 * younger than {@code maxAge} is answered as is; up to three times as old it is answered while one
 * background refresh runs; older (no one asked for a while) the asker waits for a new probe, one at
 * a time. Thread-safe.
 */
public final class CachedPipelineHealth implements Supplier<PipelineHealth>, AutoCloseable {
  private final Supplier<PipelineHealth> probe;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private final ExecutorService refresher =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "pipeline-health-refresh");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile Probed latest;

  public CachedPipelineHealth(Supplier<PipelineHealth> probe, Duration maxAge) {
    this(probe, maxAge, System::nanoTime);
  }

  CachedPipelineHealth(Supplier<PipelineHealth> probe, Duration maxAge, LongSupplier nanoTime) {
    this.probe = Objects.requireNonNull(probe, "probe");
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public PipelineHealth get() {
    Probed seen = latest;
    if (seen != null) {
      long age = nanoTime.getAsLong() - seen.atNanos();
      if (age < maxAgeNanos) {
        return seen.health();
      }
      if (age < 3 * maxAgeNanos) {
        if (refreshing.compareAndSet(false, true)) {
          refresher.execute(
              () -> {
                try {
                  probeNow();
                } finally {
                  refreshing.set(false);
                }
              });
        }
        return seen.health();
      }
    }
    synchronized (this) {
      Probed current = latest;
      if (current != null && nanoTime.getAsLong() - current.atNanos() < maxAgeNanos) {
        return current.health();
      }
      return probeNow().health();
    }
  }

  private Probed probeNow() {
    Probed probed = new Probed(probe.get(), nanoTime.getAsLong());
    latest = probed;
    return probed;
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }

  private record Probed(PipelineHealth health, long atNanos) {}
}
