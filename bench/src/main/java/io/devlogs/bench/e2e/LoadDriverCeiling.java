package io.devlogs.bench.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The load driver's own ceiling: the same {@link LoadDriver} (batches, requests in flight, event
 * generation) offering far more than it can send, against a trivial HTTP endpoint in this process
 * that reads each body and answers 200. Its accepted events/s is the most the driver can offer on
 * this machine, so a ramp step above it measures the driver, not the stack.
 */
public final class LoadDriverCeiling {

  /** Offered far above any rate the driver reaches, so it always has a batch to send. */
  static final double UNLIMITED_RATE = 1_000_000;

  static final long WARM_UP_LIMIT_MILLIS = 30_000;

  private static final byte[] OK = "{\"accepted\":0}".getBytes(StandardCharsets.UTF_8);

  private LoadDriverCeiling() {}

  /** Events/s the driver got acknowledged by the trivial endpoint in {@code seconds}. */
  public static double measure(int seconds, int batchSize, int maxInFlight) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    ExecutorService handlers = Executors.newFixedThreadPool(maxInFlight);
    server.setExecutor(handlers);
    server.createContext(
        "/v1/logs",
        exchange -> {
          try (InputStream body = exchange.getRequestBody();
              OutputStream out = exchange.getResponseBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            exchange.sendResponseHeaders(200, OK.length);
            out.write(OK);
          } catch (IOException e) {
            exchange.close();
          }
        });
    server.start();
    try (LoadDriver load =
        new LoadDriver(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
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
      server.stop(0);
      handlers.shutdownNow();
    }
  }
}
