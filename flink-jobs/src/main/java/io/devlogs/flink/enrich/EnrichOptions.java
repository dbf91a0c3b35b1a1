package io.devlogs.flink.enrich;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.JobKeys;
import io.devlogs.settings.keys.PostgresKeys;
import java.io.Serializable;
import java.time.Duration;

/**
 * Options of enrichment and de-duplication.
 *
 * @param postgresUrl {@code postgres.url}: the JDBC URL of the database holding {@code
 *     project_settings}
 * @param postgresUser {@code postgres.user}
 * @param postgresPassword {@code postgres.password}
 * @param settingsRefresh {@code settings.refresh}: how often each enrichment subtask reloads all
 *     projects' settings; a change is applied to events processed at most this long (plus one
 *     query) after it was committed; default 5s
 * @param dedupWindow {@code dedup.window}: how long an event id is remembered to drop repeats of a
 *     retried request; default 10min
 */
public record EnrichOptions(
    String postgresUrl,
    String postgresUser,
    String postgresPassword,
    Duration settingsRefresh,
    Duration dedupWindow)
    implements Serializable {

  public EnrichOptions {
    if (postgresUrl == null || !postgresUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          PostgresKeys.URL.key()
              + " must start with jdbc:postgresql: (got '"
              + postgresUrl
              + "'), e.g. jdbc:postgresql://pg:5432/devlogs");
    }
    if (postgresUser == null || postgresUser.isBlank()) {
      throw new IllegalArgumentException(
          PostgresKeys.USER.key()
              + " is empty; set --"
              + PostgresKeys.USER.key()
              + "=devlogs or "
              + PostgresKeys.USER.environmentVariable()
              + "=devlogs");
    }
    postgresPassword = postgresPassword == null ? "" : postgresPassword;
    if (settingsRefresh == null || settingsRefresh.toMillis() < 100) {
      throw new IllegalArgumentException(
          JobKeys.SETTINGS_REFRESH.key()
              + " must be at least 100ms, e.g. 5s (got "
              + settingsRefresh
              + ")");
    }
    if (dedupWindow == null || dedupWindow.toMillis() < 1000) {
      throw new IllegalArgumentException(
          JobKeys.DEDUP_WINDOW.key()
              + " must be at least 1s, e.g. 10min (got "
              + dedupWindow
              + ")");
    }
  }

  /** The enrichment options the settings give. */
  public static EnrichOptions from(Settings settings) {
    return new EnrichOptions(
        settings.get(PostgresKeys.URL),
        settings.get(PostgresKeys.USER),
        settings.get(PostgresKeys.PASSWORD),
        settings.get(JobKeys.SETTINGS_REFRESH),
        settings.get(JobKeys.DEDUP_WINDOW));
  }

  @Override
  public String toString() {
    return "EnrichOptions[postgresUrl="
        + postgresUrl
        + ", postgresUser="
        + postgresUser
        + ", settingsRefresh="
        + settingsRefresh
        + ", dedupWindow="
        + dedupWindow
        + "]";
  }
}
