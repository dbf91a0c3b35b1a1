package io.devlogs.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test client of the live tails ({@code WS /v1/tail}, Loki's {@code /loki/api/v1/tail}; the JDK's
 * WebSocket) that collects the server's frames.
 */
public final class TailClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

  /** The server's close frame: "code reason". */
  private final CompletableFuture<String> closing = new CompletableFuture<>();

  private final WebSocket socket;

  private TailClient(URI uri, String authorization) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    socket = builder.buildAsync(uri, new Collector()).join();
  }

  /** Connects with the key in the upgrade's Authorization header (or none if null). */
  public static TailClient withHeader(String baseUrl, String query, String key) {
    return new TailClient(uri(baseUrl, query), key == null ? null : "Bearer " + key);
  }

  /** Connects to Loki's tail with this LogQL query and Authorization header value (or none). */
  public static TailClient loki(String baseUrl, String logql, String authorization) {
    return new TailClient(
        URI.create(
            baseUrl.replaceFirst("^http", "ws")
                + "/loki/api/v1/tail?query="
                + URLEncoder.encode(logql, StandardCharsets.UTF_8)),
        authorization);
  }

  /** Connects without a header and sends {@code {"type":"auth","key":key}} first. */
  public static TailClient withAuthMessage(String baseUrl, String query, String key) {
    TailClient client = new TailClient(uri(baseUrl, query), null);
    client.send("{\"type\":\"auth\",\"key\":\"" + key + "\"}");
    return client;
  }

  private static URI uri(String baseUrl, String query) {
    return URI.create(
        baseUrl.replaceFirst("^http", "ws") + "/v1/tail" + (query.isEmpty() ? "" : "?" + query));
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  /** The next frame, or an AssertionError naming {@code what} after {@code timeout}. */
  public JsonNode next(Duration timeout, String what) throws InterruptedException {
    JsonNode message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (message == null) {
      throw new AssertionError("no tail message within " + timeout + " waiting for " + what);
    }
    return message;
  }

  /** A frame if one arrives within {@code timeout}, else null. */
  public JsonNode poll(Duration timeout) throws InterruptedException {
    return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The server's close code, waiting up to {@code timeout}. */
  public int closeCode(Duration timeout) throws Exception {
    String frame = closing(timeout);
    return Integer.parseInt(frame.substring(0, frame.indexOf(' ')));
  }

  /** The server's close frame as "code reason", waiting up to {@code timeout}. */
  public String closing(Duration timeout) throws Exception {
    return closing.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
      closing.complete(statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closing.completeExceptionally(error);
    }
  }
}
