package io.devlogs.query.load;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.WindowedLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.devlogs.http.ErrorBody;
import io.devlogs.http.ErrorCode;
import io.devlogs.settings.keys.QueryKeys;
import io.javalin.config.JavalinConfig;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The query service's front door: a limit of requests inside the process at once; any other is
 * answered at once with 503 {@code overloaded}, {@code Retry-After} and a body naming {@code
 * query.max-in-flight-requests}, before sessions, authentication, body parsing or route work (a
 * Jetty handler in front of Javalin's servlet).
 *
 * <p>The limit adapts (Netflix's {@link Gradient2Limit}) between {@value #MIN_LIMIT} and {@code
 * maxInFlight}: it grows while the time requests spend inside stays near its long-term average, and
 * shrinks when that time grows, which on a saturated machine means requests taking turns on the CPU
 * rather than working. It learns from windows of requests ({@link WindowedLimit}), and the time it
 * judges leaves out each request's {@link StoreWait}: a burst of store queries makes requests wait
 * for the store, which the {@link StoreGate} bounds. Judged per request and with the store time,
 * the limit shrank while the process had CPU to spare, and a crowd that the machine could serve got
 * 503s from this door (README, "Crowd benchmark", has the figures). {@code /healthz}, {@code
 * /readyz} and {@code /metrics} always pass, so probes and Prometheus see an overloaded service as
 * it is. It also sets the listen backlog ({@code query.accept-queue}): Jetty's default of 50 made a
 * crowd's new connections overflow it, and the kernel's SYN retries (1 s, 3 s, 7 s...) cost seconds
 * before any of this code ran.
 *
 * <p>Hand-written rather than Jetty 11's own tools: {@code QoSFilter} (jetty-servlets) suspends
 * requests asynchronously instead of refusing them at once and answers without {@code Retry-After}
 * nor the devlogs error body; {@code ThreadLimitHandler} limits per remote address; a bounded
 * thread-pool queue closes connections without an answer. Thread-safe.
 */
public final class FrontDoor {

  /** Seconds a refused client is asked to wait. */
  static final int RETRY_AFTER_SECONDS = 1;

  static final Set<String> EXEMPT = Set.of("/healthz", "/readyz", "/metrics");

  /**
   * The lowest the adaptive limit goes, and where it starts. A dashboard page sends up to 7
   * requests at once (its search page, measured), and the limit does not grow on an idle service
   * (Gradient2 grows it only while at least half of it is used): at 8, two pages opened at once on
   * a quiet service could get 503s.
   */
  static final int MIN_LIMIT = 20;

  /**
   * How much longer than its long-term average the recent time inside may grow before the limit
   * shrinks (Gradient2's default is 1.5): a cache hit takes a fraction of a millisecond and a store
   * query tens, so the mix alone moves the average.
   */
  static final double RTT_TOLERANCE = 2.0;

  /**
   * The limit learns from the average time inside of a window of requests (at least 10 and this
   * long, at most {@link #SAMPLE_WINDOW_MAX}), not from each request: a cache hit and a store miss
   * differ a hundredfold, and judged one by one every miss after a run of hits shrank the limit.
   */
  static final Duration SAMPLE_WINDOW_MIN = Duration.ofMillis(100);

  static final Duration SAMPLE_WINDOW_MAX = Duration.ofSeconds(1);

  private final int acceptQueue;
  private final Runnable onRefused;
  private final Limit limit;
  private final SimpleLimiter<Void> limiter;
  private final byte[] refusal;

  /**
   * @param maxInFlight the highest the limit of requests inside the process goes (exempt paths not
   *     counted)
   * @param acceptQueue the listen backlog of the service's connectors; 0 keeps Jetty's
   * @param onRefused told of every refused request (metrics)
   */
  public FrontDoor(int maxInFlight, int acceptQueue, Runnable onRefused) {
    this(adaptive(maxInFlight), maxInFlight, acceptQueue, onRefused);
  }

  /** A front door over {@code limit} (tests watch what it learns). */
  FrontDoor(Limit limit, int maxInFlight, int acceptQueue, Runnable onRefused) {
    if (maxInFlight <= 0 || acceptQueue < 0) {
      throw new IllegalArgumentException("maxInFlight must be positive and acceptQueue >= 0");
    }
    this.acceptQueue = acceptQueue;
    this.onRefused = onRefused;
    this.limit = limit;
    this.limiter = SimpleLimiter.newBuilder().limit(limit).build();
    this.refusal =
        ErrorBody.of(
                ErrorCode.OVERLOADED,
                "the query service holds only as many requests at once as it answers promptly"
                    + " now (at most "
                    + maxInFlight
                    + ", "
                    + QueryKeys.MAX_IN_FLIGHT_REQUESTS.key()
                    + "): retry after "
                    + RETRY_AFTER_SECONDS
                    + " s",
                Map.of("limit", QueryKeys.MAX_IN_FLIGHT_REQUESTS.key(), "maxInFlight", maxInFlight))
            .toJson();
  }

  /** A front door that never refuses and keeps Jetty's backlog (tests of other things). */
  public static FrontDoor open() {
    return new FrontDoor(FixedLimit.of(Integer.MAX_VALUE), Integer.MAX_VALUE, 0, () -> {});
  }

  private static Limit adaptive(int maxInFlight) {
    int min = Math.max(1, Math.min(MIN_LIMIT, maxInFlight)); // the constructor refuses 0 itself
    return WindowedLimit.newBuilder()
        .minWindowTime(SAMPLE_WINDOW_MIN.toNanos(), TimeUnit.NANOSECONDS)
        .maxWindowTime(SAMPLE_WINDOW_MAX.toNanos(), TimeUnit.NANOSECONDS)
        .build(
            Gradient2Limit.newBuilder()
                .initialLimit(min)
                .minLimit(min)
                .maxConcurrency(maxInFlight)
                .rttTolerance(RTT_TOLERANCE)
                .build());
  }

  /** Requests inside the process now (exempt paths not counted). */
  public int inFlight() {
    return limiter.getInflight();
  }

  /** The limit of requests inside the process now. */
  public int limit() {
    return limiter.getLimit();
  }

  /** Puts the door in front of the app's servlet and sets the connectors' backlog. */
  public void install(JavalinConfig config) {
    config.jetty.modifyServletContextHandler(context -> context.insertHandler(new Door()));
    if (acceptQueue > 0) {
      config.jetty.modifyServer(
          server ->
              // Javalin adds its connector just before it starts the server: set it then.
              server.addEventListener(
                  new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(LifeCycle event) {
                      for (var connector : server.getConnectors()) {
                        if (connector instanceof ServerConnector serverConnector) {
                          serverConnector.setAcceptQueueSize(acceptQueue);
                        }
                      }
                    }
                  }));
    }
  }

  private final class Door extends HandlerWrapper {
    @Override
    public void handle(
        String target,
        Request baseRequest,
        HttpServletRequest request,
        HttpServletResponse response)
        throws IOException, jakarta.servlet.ServletException {
      if (EXEMPT.contains(target)) {
        super.handle(target, baseRequest, request, response);
        return;
      }
      long start = System.nanoTime();
      Optional<Limiter.Listener> admitted = limiter.acquire(null);
      if (admitted.isEmpty()) {
        onRefused.run();
        refuse(baseRequest, response);
        return;
      }
      int inFlightAtEntry = limiter.getInflight();
      boolean leftLater = false;
      try {
        super.handle(target, baseRequest, request, response);
        if (request.isAsyncStarted()) {
          request.getAsyncContext().addListener(new LeaveWhenComplete(admitted.get()));
          leftLater = true;
        }
      } finally {
        if (!leftLater) {
          leave(admitted.get(), start, inFlightAtEntry, request);
        }
      }
    }

    /** The request leaves; the limit learns the time it spent inside, less its store time. */
    private void leave(
        Limiter.Listener admitted, long start, int inFlightAtEntry, HttpServletRequest request) {
      admitted.onIgnore();
      long ownNanos = System.nanoTime() - start - StoreWait.of(request);
      limit.onSample(start, ownNanos, inFlightAtEntry, false);
    }

    private void refuse(Request baseRequest, HttpServletResponse response) throws IOException {
      baseRequest.setHandled(true);
      response.setStatus(ErrorCode.OVERLOADED.status());
      response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
      response.setContentType("application/json");
      response.setContentLength(refusal.length);
      response.getOutputStream().write(refusal);
    }
  }

  /**
   * An asynchronous request leaves when it completes (also after a timeout or an error); its time
   * inside is not a latency sample of the limit, since it waits on others, not on this process.
   */
  private record LeaveWhenComplete(Limiter.Listener admitted) implements AsyncListener {
    @Override
    public void onComplete(AsyncEvent event) {
      admitted.onIgnore();
    }

    @Override
    public void onTimeout(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}
  }
}
