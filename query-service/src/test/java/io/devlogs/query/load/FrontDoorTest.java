package io.devlogs.query.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.concurrency.limits.Limit;
import io.devlogs.testing.Poll;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The front door in a real Jetty: refusals before any other work, exempt paths, the backlog. */
class FrontDoorTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger beforeHandlers = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();
  private Javalin app;

  @AfterEach
  void stop() {
    release.countDown();
    if (app != null) {
      app.stop();
    }
  }

  private String start(FrontDoor door) {
    app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              door.install(config);
            });
    // Stands for authentication and every other before-handler: a refused request never runs it.
    app.before(ctx -> beforeHandlers.incrementAndGet());
    app.get(
        "/v1/held",
        ctx -> {
          if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
          }
          ctx.result("done");
        });
    app.get("/v1/quick", ctx -> ctx.result("quick"));
    // A slow store query behind the store gate, and the same time spent on the process's own work.
    app.get(
        "/v1/slow-store", new StoreGate(1, 0, Duration.ZERO).around(ctx -> ctx.result(slowWork())));
    app.get("/v1/slow-work", ctx -> ctx.result(slowWork()));
    app.get("/healthz", ctx -> ctx.result("ok"));
    app.get("/readyz", ctx -> ctx.result("ready"));
    app.get("/metrics", ctx -> ctx.result("# metrics"));
    app.start("127.0.0.1", 0);
    return "http://127.0.0.1:" + app.port();
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Takes {@link #SLOW} without being released: stands for a slow store query or slow work. */
  private String slowWork() throws InterruptedException {
    return release.await(SLOW.toMillis(), TimeUnit.MILLISECONDS) ? "released" : "slow";
  }

  private static final Duration SLOW = Duration.ofMillis(300);

  /** Records the time inside that the front door teaches its limit. */
  private static final class LearningLimit implements Limit {
    final List<Long> samples = new CopyOnWriteArrayList<>();

    @Override
    public int getLimit() {
      return 10;
    }

    @Override
    public void notifyOnChange(Consumer<Integer> consumer) {}

    @Override
    public void onSample(long startTime, long rtt, int inflight, boolean didDrop) {
      samples.add(rtt);
    }
  }

  @Test
  void theLimitLearnsTheTimeInsideWithoutTheStoreTime() throws Exception {
    LearningLimit limit = new LearningLimit();
    String url = start(new FrontDoor(limit, 10, 0, refused::incrementAndGet));

    assertThat(get(url + "/v1/slow-store").body()).isEqualTo("slow");
    assertThat(get(url + "/v1/slow-work").body()).isEqualTo("slow");

    Poll.until(Duration.ofSeconds(10), () -> limit.samples.size() == 2, "both requests left");
    assertThat(Duration.ofNanos(limit.samples.get(0)))
        .as("the slow store query's time is the store gate's business, not the front door's")
        .isLessThan(SLOW.dividedBy(2));
    assertThat(Duration.ofNanos(limit.samples.get(1)))
        .as("time spent on the process's own work is judged")
        .isGreaterThanOrEqualTo(SLOW);
  }

  @Test
  void theLimitStartsAtItsFloorAndNeverAboveTheSetting() {
    assertThat(new FrontDoor(128, 0, () -> {}).limit()).isEqualTo(FrontDoor.MIN_LIMIT);
    assertThat(new FrontDoor(3, 0, () -> {}).limit()).isEqualTo(3);
    assertThat(FrontDoor.open().limit()).isEqualTo(Integer.MAX_VALUE);
    assertThatThrownBy(() -> new FrontDoor(0, 0, () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void beyondTheLimitARequestIsRefusedAtOnceBeforeAnyHandlerWith503RetryAfterAndTheLimitNamed()
      throws Exception {
    FrontDoor door = new FrontDoor(1, 0, refused::incrementAndGet);
    String url = start(door);
    CompletableFuture<HttpResponse<String>> held =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create(url + "/v1/held")).build(),
            HttpResponse.BodyHandlers.ofString());
    Poll.until(Duration.ofSeconds(10), () -> door.inFlight() == 1, "the held request is inside");
    int beforeSoFar = beforeHandlers.get();

    HttpResponse<String> refusal = get(url + "/v1/quick");

    assertThat(refusal.statusCode()).isEqualTo(503);
    assertThat(refusal.headers().firstValue("Retry-After")).hasValue("1");
    JsonNode body = new ObjectMapper().readTree(refusal.body());
    assertThat(body.path("error").asText()).isEqualTo("overloaded");
    assertThat(body.path("message").asText()).contains("at most 1, query.max-in-flight-requests");
    assertThat(body.path("detail").path("limit").asText())
        .isEqualTo("query.max-in-flight-requests");
    assertThat(refused.get()).isEqualTo(1);
    assertThat(beforeHandlers.get())
        .as("no handler ran for the refused request")
        .isEqualTo(beforeSoFar);

    release.countDown();
    assertThat(held.get(30, TimeUnit.SECONDS).body()).isEqualTo("done");
    Poll.until(Duration.ofSeconds(10), () -> door.inFlight() == 0, "the held request left");
    assertThat(get(url + "/v1/quick").statusCode()).isEqualTo(200);
  }

  @Test
  void healthReadinessAndMetricsPassAFullDoor() throws Exception {
    FrontDoor door = new FrontDoor(1, 0, refused::incrementAndGet);
    String url = start(door);
    CompletableFuture<HttpResponse<String>> held =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create(url + "/v1/held")).build(),
            HttpResponse.BodyHandlers.ofString());
    Poll.until(Duration.ofSeconds(10), () -> door.inFlight() == 1, "the held request is inside");

    assertThat(get(url + "/healthz").statusCode()).isEqualTo(200);
    assertThat(get(url + "/readyz").statusCode()).isEqualTo(200);
    assertThat(get(url + "/metrics").body()).isEqualTo("# metrics");
    assertThat(refused.get()).isZero();
    release.countDown();
    assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void theConnectorsListenWithTheConfiguredBacklog() {
    start(new FrontDoor(10, 777, refused::incrementAndGet));

    ServerConnector connector = (ServerConnector) app.jettyServer().server().getConnectors()[0];
    assertThat(connector.getAcceptQueueSize()).isEqualTo(777);
  }
}
