package io.devlogs.flink.enrich;

import io.devlogs.projects.ProjectSettings;
import io.devlogs.projects.ProjectStore;
import java.util.Map;

/** Reads {@code project_settings} from PostgreSQL through {@link ProjectStore}. */
public final class PostgresSettingsSource implements SettingsSource {

  private static final long serialVersionUID = 1L;

  private final String url;
  private final String user;
  private final String password;

  public PostgresSettingsSource(EnrichOptions options) {
    this.url = options.postgresUrl();
    this.user = options.postgresUser();
    this.password = options.postgresPassword();
  }

  @Override
  public Map<String, ProjectSettings> loadAll() {
    // ProjectStore opens one short connection per call, with connect and socket timeouts.
    try (ProjectStore store = ProjectStore.connect(url, user, password)) {
      return store.allSettings();
    }
  }

  @Override
  public String toString() {
    return "project_settings at " + url;
  }
}
