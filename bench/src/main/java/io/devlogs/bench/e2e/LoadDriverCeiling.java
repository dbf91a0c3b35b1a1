package io.devlogs.bench.e2e;

import io.devlogs.bench.TrivialEndpoint;
import java.net.URI;
import java.util.List;

/**
 * The load driver's own ceiling: the same {@link LoadDriver} (batches, requests in flight, event
 * generation) offering far more than it can send, against a {@link TrivialEndpoint} in this process
 * that reads each body and answers 200. Its accepted events/s is the most the driver can offer on
 * this machine, so a ramp step above it measures the driver, not the stack.
 */
public final class LoadDriverCeiling {

  /** Offered far above any rate the driver reaches, so it always has a batch to send. */
  static final double UNLIMITED_RATE = 1_000_000;

  static final long WARM_UP_LIMIT_MILLIS = 30_000;

  private LoadDriverCeiling() {}

  /** Events/s the driver got acknowledged by the trivial endpoint in {@code seconds}. */
  public static double measure(int seconds, int batchSize, int maxInFlight) throws Exception {
    TrivialEndpoint server = TrivialEndpoint.start(maxInFlight, 256);
    try (LoadDriver load =
        new LoadDriver(
            URI.create("http://127.0.0.1:" + server.port()),
            "ceiling",
            List.of("ceiling"),
            batchSize,
            maxInFlight,
            new AcceptedLedger(),
            1)) {
      // Warms the generator, the JIT and the connections up first: until as many batches as
      // requests in flight were acknowledged (on a busy machine that alone takes seconds).
      load.setRate(UNLIMITED_RATE);
      long warm = System.nanoTime() + WARM_UP_LIMIT_MILLIS * 1_000_000L;
      while (load.accepted() < (long) maxInFlight * batchSize && System.nanoTime() < warm) {
        Thread.sleep(100);
      }
      long from = load.accepted();
      long start = System.nanoTime();
      Thread.sleep(seconds * 1_000L);
      double rate = (load.accepted() - from) / ((System.nanoTime() - start) / 1e9);
      load.setRate(0);
      return rate;
    } finally {
      server.close();
    }
  }
}
