package io.devlogs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load tool against a small in-process HTTP server standing in for ingest. */
class IngestLoadTest {

  private static final int BATCH = 20;
  private static final NdjsonBodies BODIES = NdjsonBodies.build(4, BATCH, 300, 1);

  private final AtomicLong eventsReceived = new AtomicLong();
  private HttpServer server;

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI serve(int status, boolean readsGzip) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/logs",
        exchange -> {
          boolean gzip = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"));
          if (gzip && !readsGzip) {
            exchange.getRequestBody().readAllBytes();
            answer(exchange, 400, "{\"error\":\"invalid event at line 1: malformed JSON\"}");
            return;
          }
          try (InputStream in =
              gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (status == 200) {
              eventsReceived.addAndGet(body.lines().count());
            }
          }
          answer(exchange, status, "{}");
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/logs");
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static IngestLoad.Run run(URI uri, boolean gzip) {
    return new IngestLoad.Run(
        HttpClient.newHttpClient(), uri, "k", gzip ? BODIES.gzip() : BODIES.plain(), gzip, BATCH);
  }

  @Test
  void countsEveryAcknowledgedEventOfWarmUpAndMeasurement() throws Exception {
    IngestLoad.Run gzip = run(serve(200, true), true);
    assertThat(gzip.warmUp(3)).isNull();
    gzip.measure(3, 50);
    long expected = (long) (IngestLoad.WARM_UP_REQUESTS + 50) * BATCH;
    assertThat(gzip.accepted.get()).isEqualTo(expected);
    assertThat(eventsReceived.get()).isEqualTo(expected);
  }

  @Test
  void gzipAnswered400IsUnsupportedNotAFailure() throws Exception {
    URI uri = serve(200, false);
    assertThat(run(uri, true).warmUp(2)).startsWith("400 ").contains("malformed JSON");
    assertThat(run(uri, false).warmUp(2)).as("plain still works").isNull();
  }

  @Test
  void anErrorAnswerFailsTheRun() throws Exception {
    IngestLoad.Run plain = run(serve(503, true), false);
    assertThatThrownBy(() -> plain.warmUp(2)).hasMessageContaining("ingest answered 503");
  }
}
