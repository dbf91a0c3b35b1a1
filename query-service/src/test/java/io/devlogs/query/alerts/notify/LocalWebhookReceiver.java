package io.devlogs.query.alerts.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver for tests (the JDK's HTTP server on a fixed port of this helper's range): it
 * records every request per path and answers each path's n-th request with the status its script
 * gives (default 200).
 */
public final class LocalWebhookReceiver implements AutoCloseable {
  /** One received request. */
  public record Received(String path, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, IntUnaryOperator> scripts = new ConcurrentHashMap<>();
  private final Map<String, Integer> counts = new ConcurrentHashMap<>();

  public LocalWebhookReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The URL of a path on this receiver. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Answers the path's n-th request (from 1) with {@code script.applyAsInt(n)}. */
  public void script(String path, IntUnaryOperator script) {
    scripts.put(path, script);
  }

  public List<Received> received(String path) {
    List<Received> out = new ArrayList<>();
    for (Received r : received) {
      if (r.path().equals(path)) {
        out.add(r);
      }
    }
    return out;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, String> headers = new ConcurrentHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
    received.add(new Received(path, headers, body));
    int n = counts.merge(path, 1, Integer::sum);
    int status = scripts.getOrDefault(path, i -> 200).applyAsInt(n);
    byte[] answer = ("status " + status).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
