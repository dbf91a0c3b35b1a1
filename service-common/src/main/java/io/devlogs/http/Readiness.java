package io.devlogs.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code GET /readyz}: 200 when every probe passes, else 503 with {@code Retry-After}; the body
 * names each probe with {@code ok} or its error. A probe's result is kept for {@code cacheFor}, so
 * load balancers polling often do not hammer Kafka or PostgreSQL. Thread-safe.
 */
public final class Readiness implements AutoCloseable {

  private final Map<String, CachedProbe> probes = new LinkedHashMap<>();
  private final long cacheNanos;
  private final LongSupplier nanoTime;
  private final Runnable onClose;

  /**
   * @param probes the named probes, checked in this order
   * @param cacheFor how long a result is reused
   * @param onClose releases what the probes hold (an admin client, say)
   */
  public Readiness(Map<String, ReadinessProbe> probes, Duration cacheFor, Runnable onClose) {
    this(probes, cacheFor, onClose, System::nanoTime);
  }

  Readiness(
      Map<String, ReadinessProbe> probes,
      Duration cacheFor,
      Runnable onClose,
      LongSupplier nanoTime) {
    probes.forEach((name, probe) -> this.probes.put(name, new CachedProbe(probe)));
    this.cacheNanos = cacheFor.toNanos();
    this.nanoTime = nanoTime;
    this.onClose = onClose;
  }

  /** Always ready: no probes. */
  public static Readiness none() {
    return new Readiness(Map.of(), Duration.ZERO, () -> {});
  }

  /** Each probe's result: {@code "ok"} or the problem. */
  public Map<String, String> check() {
    Map<String, String> results = new LinkedHashMap<>();
    probes.forEach((name, probe) -> results.put(name, probe.result()));
    return results;
  }

  /** The {@code /readyz} handler. */
  public void handle(Context ctx) {
    Map<String, String> checks = check();
    boolean ready = checks.values().stream().allMatch("ok"::equals);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ready ? "ready" : "not ready");
    body.put("checks", checks);
    if (!ready) {
      ctx.status(503).header("Retry-After", Integer.toString(ApiException.RETRY_AFTER_SECONDS));
    }
    ctx.json(body);
  }

  @Override
  public void close() {
    onClose.run();
  }

  /** A probe and its last result. */
  private final class CachedProbe {
    private final ReadinessProbe probe;
    private String result;
    private long checkedAt;

    CachedProbe(ReadinessProbe probe) {
      this.probe = probe;
    }

    synchronized String result() {
      long now = nanoTime.getAsLong();
      if (result == null || now - checkedAt >= cacheNanos) {
        result = run();
        checkedAt = nanoTime.getAsLong();
      }
      return result;
    }

    private String run() {
      try {
        probe.check();
        return "ok";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      } catch (Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
      }
    }
  }
}
