package io.devlogs.query.support;

import io.devlogs.testing.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Redis server of the test's own (Debian's {@code redis-server}), on a free port, without
 * persistence, stopped by {@link #close}: the shared result cache's tests need a Redis, and the
 * local stack has none unless started with it.
 */
public final class OwnedRedis implements AutoCloseable {
  private final Process process;
  private final int port;

  private OwnedRedis(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static OwnedRedis start() {
    try {
      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      Path dir = Files.createTempDirectory("owned-redis");
      Process process =
          new ProcessBuilder(
                  "redis-server",
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
      OwnedRedis redis = new OwnedRedis(process, port);
      Poll.until(Duration.ofSeconds(20), redis::answersPing, "redis-server on port " + port);
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server (Debian package redis-server)", e);
    }
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  private boolean answersPing() {
    if (!process.isAlive()) {
      throw new IllegalStateException("redis-server exited with " + process.exitValue());
    }
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] answer = in.readNBytes(7);
      return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.destroy();
  }
}
