package io.devlogs.projects;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.PostgresKeys;
import java.io.Serializable;

/**
 * Where the PostgreSQL database of projects, keys and project settings is, and as whom to connect:
 * read the same way by the services, the CLI and the Flink job.
 *
 * @param url {@code postgres.url}, a {@code jdbc:postgresql:} URL
 * @param user {@code postgres.user}
 * @param password {@code postgres.password}; empty for none
 */
public record PostgresOptions(String url, String user, String password) implements Serializable {

  public PostgresOptions {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          PostgresKeys.URL.key()
              + " must start with jdbc:postgresql: (got '"
              + url
              + "'), e.g. jdbc:postgresql://pg:5432/devlogs");
    }
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException(
          PostgresKeys.USER.key()
              + " is empty; set --"
              + PostgresKeys.USER.key()
              + "=devlogs or "
              + PostgresKeys.USER.environmentVariable()
              + "=devlogs");
    }
    password = password == null ? "" : password;
  }

  public static PostgresOptions from(Settings settings) {
    return new PostgresOptions(
        settings.get(PostgresKeys.URL),
        settings.get(PostgresKeys.USER),
        settings.get(PostgresKeys.PASSWORD));
  }

  /** This database, a connection per call; it connects on first use. */
  public ProjectsDatabase connect() {
    return ProjectsDatabase.connect(url, user, password);
  }

  /** This database, for a service: calls share at most {@code maxConnections} connections. */
  public ProjectsDatabase pooled(int maxConnections) {
    return ProjectsDatabase.pooled(url, user, password, maxConnections);
  }

  @Override
  public String toString() {
    // The password stays out of logs.
    return "PostgresOptions[url=" + url + ", user=" + user + "]";
  }
}
