package io.devlogs.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP endpoint that does nothing: it reads any request's body and answers 200 with a tiny JSON
 * body, on every path. A load driver sent against it measures itself, the ceiling next to which a
 * benchmark's figures are read ({@code e2e.LoadDriverCeiling} in the driver's process, {@code bench
 * crowd} in a process of its own through {@link #main}).
 */
public final class TrivialEndpoint implements AutoCloseable {

  /** The line {@link #main} prints once it listens, followed by the port. */
  public static final String LISTENING = "trivial endpoint listening on port ";

  private static final byte[] OK = "{}".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService handlers;

  private TrivialEndpoint(HttpServer server, ExecutorService handlers) {
    this.server = server;
    this.handlers = handlers;
  }

  /**
   * Listens on a free loopback port with {@code threads} handler threads and a listen backlog of
   * {@code backlog}.
   */
  public static TrivialEndpoint start(int threads, int backlog) throws IOException {
    // The JDK server writes an answer's headers and body apart; with Nagle's algorithm on, the body
    // waited for the client's delayed ACK: 40 ms per request to a driver that sets TCP_NODELAY.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
    ExecutorService handlers = Executors.newFixedThreadPool(threads);
    server.setExecutor(handlers);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream body = exchange.getRequestBody();
              OutputStream out = exchange.getResponseBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, OK.length);
            out.write(OK);
          } catch (IOException e) {
            exchange.close();
          }
        });
    server.start();
    return new TrivialEndpoint(server, handlers);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }

  /** Runs the endpoint in a process of its own until that process is ended: {@code [threads]}. */
  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    TrivialEndpoint endpoint = start(threads, 4096);
    System.out.println(LISTENING + endpoint.port());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
