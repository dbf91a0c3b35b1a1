package io.devlogs.ingest;

import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.PostgresKeys;
import java.util.Objects;

/**
 * The PostgreSQL database of projects and API keys.
 *
 * @param url {@code postgres.url}
 * @param user {@code postgres.user}
 * @param password {@code postgres.password}
 */
public record PostgresOptions(String url, String user, String password) {

  public PostgresOptions {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  public static PostgresOptions from(Settings settings) {
    return new PostgresOptions(
        settings.get(PostgresKeys.URL),
        settings.get(PostgresKeys.USER),
        settings.get(PostgresKeys.PASSWORD));
  }

  /** This database; it connects on first use. */
  public ProjectsDatabase connect() {
    return ProjectsDatabase.connect(url, user, password);
  }

  @Override
  public String toString() {
    // The password stays out of logs.
    return "PostgresOptions[url=" + url + ", user=" + user + "]";
  }
}
