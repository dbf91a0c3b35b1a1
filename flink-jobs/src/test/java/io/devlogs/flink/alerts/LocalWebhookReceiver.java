package io.devlogs.flink.alerts;

import com.sun.net.httpserver.HttpServer;
import io.devlogs.alerts.AlertTransition;
import io.devlogs.alerts.AlertTransitionJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A webhook receiver on a local port (JDK HttpServer) that keeps every notification it is sent,
 * with its arrival time: what a project's webhook sees of the notifier's deliveries (the generic
 * body is the transition's JSON).
 */
final class LocalWebhookReceiver implements AutoCloseable {
  /** One notification as it arrived. */
  record Arrival(String idempotencyKey, AlertTransition transition, long arrivedAtMillis) {}

  private final HttpServer server;
  private final List<Arrival> arrivals = new ArrayList<>();

  LocalWebhookReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/",
        exchange -> {
          long arrived = System.currentTimeMillis();
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
          synchronized (arrivals) {
            arrivals.add(new Arrival(key, AlertTransitionJson.read(body), arrived));
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Arrival> arrivals() {
    synchronized (arrivals) {
      return List.copyOf(arrivals);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
