package io.devlogs.query.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client of {@code WS /v1/tail} (the JDK's WebSocket) that collects the server's frames. */
final class TailClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket socket;

  private TailClient(URI uri, String bearerKey) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (bearerKey != null) {
      builder.header("Authorization", "Bearer " + bearerKey);
    }
    socket = builder.buildAsync(uri, new Collector()).join();
  }

  /** Connects with the key in the upgrade's Authorization header (or none if null). */
  static TailClient withHeader(String baseUrl, String query, String key) {
    return new TailClient(uri(baseUrl, query), key);
  }

  /** Connects without a header and sends {@code {"type":"auth","key":key}} first. */
  static TailClient withAuthMessage(String baseUrl, String query, String key) {
    TailClient client = new TailClient(uri(baseUrl, query), null);
    client.send("{\"type\":\"auth\",\"key\":\"" + key + "\"}");
    return client;
  }

  private static URI uri(String baseUrl, String query) {
    return URI.create(
        baseUrl.replaceFirst("^http", "ws") + "/v1/tail" + (query.isEmpty() ? "" : "?" + query));
  }

  void send(String text) {
    socket.sendText(text, true).join();
  }

  /** The next frame, or an AssertionError naming {@code what} after {@code timeout}. */
  JsonNode next(Duration timeout, String what) throws InterruptedException {
    JsonNode message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (message == null) {
      throw new AssertionError("no tail message within " + timeout + " waiting for " + what);
    }
    return message;
  }

  /** A frame if one arrives within {@code timeout}, else null. */
  JsonNode poll(Duration timeout) throws InterruptedException {
    return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The server's close code, waiting up to {@code timeout}. */
  int closeCode(Duration timeout) throws Exception {
    return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Collector implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(JSON.readTree(partial.toString()));
        } catch (Exception e) {
          messages.add(JSON.getNodeFactory().textNode("unreadable frame: " + partial));
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeCode.completeExceptionally(error);
    }
  }
}
