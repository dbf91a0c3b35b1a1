package io.devlogs.flink.sinks.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link ClickHouseHttp} against a local socket server that closes some connections without an
 * answer, as ClickHouse does with a keep-alive connection that idled past its timeout.
 */
class ClickHouseHttpRetryTest {

  @Test
  void aSelectWhoseConnectionClosesUnansweredIsSentAgain() throws Exception {
    try (DroppingServer server = new DroppingServer(1)) {
      assertThat(server.http().selectLong("SELECT 1")).isEqualTo(42);
      assertThat(server.connections.get()).isEqualTo(2);
    }
  }

  @Test
  void aSelectIsSentAtMostTwice() throws Exception {
    try (DroppingServer server = new DroppingServer(2)) {
      assertThatThrownBy(() -> server.http().selectLong("SELECT 1"))
          .isInstanceOf(ClickHouseHttp.NoAnswer.class)
          .hasMessageContaining("did not answer SELECT 1");
      assertThat(server.connections.get()).isEqualTo(2);
    }
  }

  @Test
  void anInsertIsNotSentAgain() throws Exception {
    try (DroppingServer server = new DroppingServer(1)) {
      assertThatThrownBy(() -> server.http().insert("INSERT INTO t FORMAT TSV", new byte[] {'1'}))
          .isInstanceOf(ClickHouseHttp.NoAnswer.class);
      assertThat(server.connections.get()).isEqualTo(1);
    }
  }

  /** Closes the first {@code drops} connections after reading the request; answers 42 after. */
  private static final class DroppingServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread thread;

    DroppingServer(int drops) throws IOException {
      thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket s = socket.accept()) {
                    readRequest(s.getInputStream());
                    if (connections.incrementAndGet() > drops) {
                      OutputStream out = s.getOutputStream();
                      out.write(
                          "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\n42\n"
                              .getBytes(StandardCharsets.US_ASCII));
                      out.flush();
                    }
                  } catch (IOException e) {
                    return; // closed
                  }
                }
              },
              "dropping-clickhouse");
      thread.setDaemon(true);
      thread.start();
    }

    ClickHouseHttp http() {
      return new ClickHouseHttp(
          new ClickHouseEndpoint(
              URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/"),
              "devlogs",
              "default",
              ""),
          Duration.ofSeconds(10));
    }

    /** Reads the headers and the Content-Length body of one request. */
    private static void readRequest(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        head.append((char) b);
      }
      for (String line : head.toString().split("\r\n")) {
        if (line.toLowerCase().startsWith("content-length:")) {
          in.readNBytes(Integer.parseInt(line.substring(15).trim()));
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
