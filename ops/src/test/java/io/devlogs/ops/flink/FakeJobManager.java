package io.devlogs.ops.flink;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A JobManager's REST API that answers each "METHOD path" with a recorded answer (or a supplier of
 * one, to change the answer over time) and keeps the requests it got.
 */
final class FakeJobManager implements AutoCloseable {
  record Request(String method, String path, String body) {}

  private final HttpServer server;
  private final Map<String, Supplier<String>> answers = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeJobManager() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().toString();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
          requests.add(new Request(exchange.getRequestMethod(), path, body));
          Supplier<String> answer = answers.get(exchange.getRequestMethod() + " " + path);
          byte[] bytes =
              (answer == null ? "{\"errors\":[\"Not found: " + path + "\"]}" : answer.get())
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answer == null ? 404 : 200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  FakeJobManager answer(String request, String recorded) {
    answers.put(request, () -> Recorded.text(recorded));
    return this;
  }

  FakeJobManager answer(String request, Supplier<String> answer) {
    answers.put(request, answer);
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
