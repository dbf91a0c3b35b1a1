package io.devlogs.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The crowd's driver against an HTTP server in this process that answers as the query service does:
 * what it records of each answer, and that each user refreshes both pages with its own key.
 */
class CrowdRunTest {
  private HttpServer server;
  private final Queue<String> seen = new ConcurrentLinkedQueue<>();
  private final Set<String> keysSeen = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Histograms are refused as the store gate refuses, facets come from the cache. */
  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    seen.add(path);
    keysSeen.add(exchange.getRequestHeaders().getFirst("Authorization"));
    int status = 200;
    String body = "{\"events\":[]}";
    if (path.equals("/v1/logs/histogram")) {
      status = 503;
      body =
          "{\"error\":\"overloaded\",\"message\":\"busy\",\"detail\":{\"limit\":\"query.store-queue\"}}";
    } else if (path.equals("/v1/logs/facets")) {
      exchange.getResponseHeaders().add("X-Devlogs-Cache", "hit");
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Test
  void everyUserRefreshesBothPagesAndEachAnswerIsRecordedAsItCame() throws Exception {
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    CrowdRun.Result result;
    try (CrowdClients clients = CrowdClients.start()) {
      result =
          new CrowdRun(clients, url, List.of("key-a", "key-b"))
              .run(4, Duration.ofMillis(500), Duration.ofMillis(1_200));
    }

    Map<String, List<CrowdRun.Sample>> byRoute =
        result.samples().stream().collect(Collectors.groupingBy(CrowdRun.Sample::route));
    assertThat(byRoute.keySet())
        .containsExactlyInAnyOrder(
            "/v1/logs",
            "/v1/logs/histogram",
            "/v1/logs/facets",
            "/v1/metrics/series",
            "/v1/metrics/top");
    // 4 users refreshing every 500 ms for 1.2 s: 2 or 3 refreshes each, every one measured or,
    // when the previous one still ran (a loaded machine), skipped.
    assertThat(byRoute.get("/v1/logs").size() + result.skippedRefreshes()).isBetween(8L, 12L);
    assertThat(byRoute.get("/v1/logs"))
        .allSatisfy(
            s -> {
              assertThat(s.status()).isEqualTo(200);
              assertThat(s.fromCache()).isFalse();
              assertThat(s.error()).isNull();
              assertThat(s.nanos()).isPositive();
            });
    assertThat(byRoute.get("/v1/logs/facets"))
        .allSatisfy(s -> assertThat(s.cache()).isEqualTo("hit"));
    assertThat(byRoute.get("/v1/logs/histogram"))
        .allSatisfy(
            s -> {
              assertThat(s.status()).isEqualTo(503);
              assertThat(s.error()).isEqualTo("overloaded(query.store-queue)");
            });
    assertThat(keysSeen).containsExactlyInAnyOrder("Bearer key-a", "Bearer key-b");
  }

  @Test
  void aRequestNobodyAnswersIsRecordedWithoutStatus() throws Exception {
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    server.stop(0);
    Queue<CrowdRun.Sample> samples = new ConcurrentLinkedQueue<>();
    try (CrowdClients clients = CrowdClients.start()) {
      CrowdRequests.Answer answer =
          new CrowdRequests(clients)
              .send(
                  CrowdRequest.get(url + "/v1/logs", "Authorization", "Bearer k"),
                  "/v1/logs",
                  samples)
              .get();
      assertThat(answer).isNull();
    }
    assertThat(samples)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.status()).isZero();
              assertThat(s.error()).isNotBlank();
            });
  }
}
