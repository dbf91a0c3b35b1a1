package io.devlogs.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server, that a test can cut and restore: an outage of
 * one store as its clients see it (connections reset, new connections refused), without stopping
 * the server other tests share. Every byte passes unchanged.
 */
public final class TcpProxy implements AutoCloseable {

  private final InetSocketAddress target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final int port;
  private volatile ServerSocket server;

  private TcpProxy(InetSocketAddress target, ServerSocket server) {
    this.target = target;
    this.server = server;
    this.port = server.getLocalPort();
    accept(server);
  }

  /** A proxy to {@code host:port} on a free local port. */
  public static TcpProxy to(String host, int port) throws IOException {
    return new TcpProxy(new InetSocketAddress(host, port), listen(0));
  }

  /** The local port clients connect to. */
  public int port() {
    return port;
  }

  /** Resets every open connection and refuses new ones until {@link #restore}. */
  public synchronized void cut() throws IOException {
    server.close();
    for (Socket s : sockets) {
      try {
        s.setSoLinger(true, 0); // reset, as a crashed server's host would
        s.close();
      } catch (IOException e) {
        // closed meanwhile by its pump
      }
    }
    sockets.clear();
  }

  /** Accepts connections again, on the same port. */
  public synchronized void restore() throws IOException {
    if (server.isClosed()) {
      server = listen(port);
      accept(server);
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return s;
  }

  private void accept(ServerSocket listening) {
    Thread acceptor =
        new Thread(
            () -> {
              while (!listening.isClosed()) {
                Socket client;
                try {
                  client = listening.accept();
                } catch (IOException e) {
                  return; // closed by cut()
                }
                Socket upstream = new Socket();
                try {
                  upstream.connect(target, 5_000);
                } catch (IOException e) {
                  closeQuietly(client); // the target refused: so does the proxy
                  continue;
                }
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
              }
            },
            "tcp-proxy-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // one side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pump-" + port);
    t.setDaemon(true);
    t.start();
  }

  private void closeQuietly(Socket s) {
    sockets.remove(s);
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
