package io.devlogs.flink.config;

import static io.devlogs.flink.config.Checks.requireText;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.CassandraKeys;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Cassandra the job writes stream events to.
 *
 * @param contactPoints {@code cassandra.contact-points}: comma-separated {@code host:port}
 * @param datacenter {@code cassandra.datacenter}: the local datacenter of the driver
 * @param keyspace {@code cassandra.keyspace}
 */
public record CassandraOptions(List<ContactPoint> contactPoints, String datacenter, String keyspace)
    implements Serializable {

  /** Default Cassandra CQL port, used for contact points given without one. */
  public static final int DEFAULT_CQL_PORT = 9042;

  private static final Pattern CQL_IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");

  /** A Cassandra node address. */
  public record ContactPoint(String host, int port) implements Serializable {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  public CassandraOptions {
    if (contactPoints == null || contactPoints.isEmpty()) {
      throw new IllegalArgumentException(
          CassandraKeys.CONTACT_POINTS.key()
              + " is empty; "
              + Checks.howToSet(CassandraKeys.CONTACT_POINTS, "host:port[,host:port...]"));
    }
    contactPoints = List.copyOf(contactPoints);
    requireText(datacenter, CassandraKeys.DATACENTER, "datacenter1");
    requireText(keyspace, CassandraKeys.KEYSPACE, "devlogs");
    if (!CQL_IDENTIFIER.matcher(keyspace).matches()) {
      throw new IllegalArgumentException(
          CassandraKeys.KEYSPACE.key()
              + " '"
              + keyspace
              + "' is not a plain CQL identifier (letters, digits, underscore)");
    }
  }

  /** The Cassandra options the settings give. */
  public static CassandraOptions from(Settings settings) {
    return new CassandraOptions(
        parseContactPoints(settings.get(CassandraKeys.CONTACT_POINTS)),
        settings.get(CassandraKeys.DATACENTER),
        settings.get(CassandraKeys.KEYSPACE));
  }

  /** {@code host[:port],...}; IPv6 hosts in brackets ({@code [::1]:9042}). */
  public static List<ContactPoint> parseContactPoints(String value) {
    List<ContactPoint> points = new ArrayList<>();
    if (value == null) {
      return points;
    }
    for (String part : value.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      String host;
      String port = null;
      if (p.startsWith("[")) {
        int close = p.indexOf(']');
        if (close < 0) {
          throw badContactPoint(p);
        }
        host = p.substring(1, close);
        if (close + 1 < p.length()) {
          if (p.charAt(close + 1) != ':') {
            throw badContactPoint(p);
          }
          port = p.substring(close + 2);
        }
      } else {
        int colon = p.lastIndexOf(':');
        if (colon >= 0 && p.indexOf(':') != colon) {
          throw badContactPoint(p);
        }
        host = colon < 0 ? p : p.substring(0, colon);
        port = colon < 0 ? null : p.substring(colon + 1);
      }
      int portNumber;
      try {
        portNumber = port == null ? DEFAULT_CQL_PORT : Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw badContactPoint(p);
      }
      if (host.isEmpty() || portNumber < 1 || portNumber > 65535) {
        throw badContactPoint(p);
      }
      points.add(new ContactPoint(host, portNumber));
    }
    return points;
  }

  private static IllegalArgumentException badContactPoint(String p) {
    return new IllegalArgumentException(
        CassandraKeys.CONTACT_POINTS.key()
            + ": '"
            + p
            + "' is not host:port (e.g. 10.0.0.5:9042 or [::1]:9042)");
  }
}
