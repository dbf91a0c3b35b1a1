package io.devlogs.flink.enrich;

import io.devlogs.flink.config.OptionValues;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

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

  public static final String POSTGRES_URL = "postgres.url";
  public static final String POSTGRES_USER = "postgres.user";
  public static final String POSTGRES_PASSWORD = "postgres.password";
  public static final String SETTINGS_REFRESH = "settings.refresh";
  public static final String DEDUP_WINDOW = "dedup.window";

  public static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:15432/devlogs";
  public static final Duration DEFAULT_SETTINGS_REFRESH = Duration.ofSeconds(5);
  public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofMinutes(10);

  public EnrichOptions {
    if (postgresUrl == null || !postgresUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          POSTGRES_URL
              + " must start with jdbc:postgresql: (got '"
              + postgresUrl
              + "'), e.g. jdbc:postgresql://pg:5432/devlogs");
    }
    if (postgresUser == null || postgresUser.isBlank()) {
      throw new IllegalArgumentException(
          POSTGRES_USER + " is empty; set --" + POSTGRES_USER + " (e.g. devlogs)");
    }
    postgresPassword = postgresPassword == null ? "" : postgresPassword;
    if (settingsRefresh == null || settingsRefresh.toMillis() < 100) {
      throw new IllegalArgumentException(
          SETTINGS_REFRESH + " must be at least 100ms, e.g. 5s (got " + settingsRefresh + ")");
    }
    if (dedupWindow == null || dedupWindow.toMillis() < 1000) {
      throw new IllegalArgumentException(
          DEDUP_WINDOW + " must be at least 1s, e.g. 10min (got " + dedupWindow + ")");
    }
  }

  /** The local stack's database, 5s refresh, 10min de-duplication window. */
  public static EnrichOptions defaults() {
    return fromMap(Map.of());
  }

  /** Options from the job's key/value arguments; missing keys take their defaults. */
  public static EnrichOptions fromMap(Map<String, String> values) {
    return new EnrichOptions(
        OptionValues.text(values, POSTGRES_URL, DEFAULT_POSTGRES_URL),
        OptionValues.text(values, POSTGRES_USER, "devlogs"),
        OptionValues.text(values, POSTGRES_PASSWORD, "devlogs"),
        OptionValues.duration(values, SETTINGS_REFRESH, DEFAULT_SETTINGS_REFRESH),
        OptionValues.duration(values, DEDUP_WINDOW, DEFAULT_DEDUP_WINDOW));
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
