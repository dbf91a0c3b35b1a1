package io.devlogs.flink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP port in front of a real server that a test can take down and bring back: {@link #cut()}
 * closes the port and every connection through it, so clients see the server as down (connection
 * refused, connections reset) while the server itself, shared by other tests, keeps running.
 */
final class TcpProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;

  TcpProxy(String targetHost, int targetPort) {
    this.target = new InetSocketAddress(targetHost, targetPort);
    this.server = bind(0);
    this.port = server.getLocalPort();
    accept(server);
  }

  int port() {
    return port;
  }

  /** The server is down: the port refuses connections and open ones are reset. */
  synchronized void cut() {
    closeQuietly(server);
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  /** The server is back on the same port (if it was not already). */
  synchronized void restore() {
    if (!server.isClosed()) {
      return;
    }
    server = bind(port);
    accept(server);
  }

  private static ServerSocket bind(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept(ServerSocket listening) {
    daemon(
        () -> {
          while (!listening.isClosed()) {
            try {
              Socket client = listening.accept();
              Socket upstream = new Socket(target.getAddress(), target.getPort());
              sockets.add(client);
              sockets.add(upstream);
              pump(client, upstream);
              pump(upstream, client);
            } catch (IOException e) {
              // closed by cut(), or the target refused: the client sees a dead connection
            }
          }
        });
  }

  private void pump(Socket from, Socket to) {
    daemon(
        () -> {
          byte[] buffer = new byte[64 * 1024];
          try (InputStream in = from.getInputStream();
              OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
              out.write(buffer, 0, n);
            }
          } catch (IOException e) {
            // the other side or cut() closed the connection
          } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
          }
        });
  }

  private static void daemon(Runnable body) {
    Thread thread = new Thread(body, "tcp-proxy");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // already closed
    }
  }

  @Override
  public void close() {
    cut();
  }
}
