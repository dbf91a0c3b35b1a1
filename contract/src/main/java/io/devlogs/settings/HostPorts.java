package io.devlogs.settings;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A {@code host:port,host:port} setting, such as a list of Cassandra contact points. */
public final class HostPorts {
  private HostPorts() {}

  /**
   * The addresses in {@code value}, unresolved (resolved when a client connects).
   *
   * @throws IllegalArgumentException naming {@code key} and the entry that is not host:port
   */
  public static List<InetSocketAddress> parse(String key, String value) {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String part : value.split(",")) {
      String hostPort = part.strip();
      if (hostPort.isEmpty()) {
        continue;
      }
      int colon = hostPort.lastIndexOf(':');
      if (colon <= 0 || colon == hostPort.length() - 1) {
        throw new IllegalArgumentException(key + " entry '" + hostPort + "' is not host:port");
      }
      int port;
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            key + " entry '" + hostPort + "' has no numeric port", e);
      }
      addresses.add(InetSocketAddress.createUnresolved(hostPort.substring(0, colon), port));
    }
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException(key + " is empty");
    }
    return List.copyOf(addresses);
  }
}
