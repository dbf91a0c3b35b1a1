package io.devlogs.flink.enrich;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest {@link SettingsSnapshot}, reloaded from a {@link SettingsSource} every {@code refresh}
 * on a background thread, so readers never wait for the database: {@link #current()} is one
 * volatile read.
 *
 * <p>Staleness: a committed change is seen at most {@code refresh} plus one load after it was made.
 * If a load fails, the last snapshot stays in use (before any successful load, {@link
 * SettingsSnapshot#DEFAULTS}: redaction on, standard retention) and a warning is logged at most
 * once per {@link #WARNING_INTERVAL}, with the number of failures since the last one.
 */
public final class RefreshingSettings implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshingSettings.class);

  /** At most one warning per this interval while loads keep failing. */
  public static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

  private final SettingsSource source;
  private final Clock clock;
  private volatile SettingsSnapshot current = SettingsSnapshot.DEFAULTS;
  private Instant lastWarning = Instant.EPOCH;
  private int consecutiveFailures;
  private ScheduledExecutorService scheduler;

  public RefreshingSettings(SettingsSource source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  /** The latest snapshot. */
  public SettingsSnapshot current() {
    return current;
  }

  /**
   * Loads once now (so events see the real settings from the start when the database is up), then
   * every {@code refresh} on a daemon thread.
   */
  public void start(Duration refresh, String threadName) {
    refresh();
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(
        this::refresh, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Loads the settings; on failure keeps the last snapshot. Returns whether the load worked. */
  public synchronized boolean refresh() {
    try {
      current = new SettingsSnapshot(source.loadAll(), clock.instant());
      if (consecutiveFailures > 0) {
        LOG.info("Project settings loaded again from {}", source);
        consecutiveFailures = 0;
        lastWarning = Instant.EPOCH;
      }
      return true;
    } catch (Exception | LinkageError e) {
      consecutiveFailures++;
      Instant now = clock.instant();
      if (!now.isBefore(lastWarning.plus(WARNING_INTERVAL))) {
        LOG.warn(
            "Could not load project settings from {} ({} consecutive failures);"
                + " keeping the snapshot of {}: {}",
            source,
            consecutiveFailures,
            current == SettingsSnapshot.DEFAULTS ? "the defaults" : current.loadedAt(),
            e.toString());
        lastWarning = now;
      }
      return false;
    }
  }

  /** Loads that failed since the last successful one. */
  int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** Stops the reloads and closes the source. */
  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    source.close();
  }
}
