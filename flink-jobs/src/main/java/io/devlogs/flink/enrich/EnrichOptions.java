package io.devlogs.flink.enrich;

import io.devlogs.projects.PostgresOptions;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.JobKeys;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of enrichment and de-duplication.
 *
 * @param postgres the database holding {@code project_settings}
 * @param settingsRefresh {@code settings.refresh}: how often each enrichment subtask reloads all
 *     projects' settings; a change is applied to events processed at most this long (plus one
 *     query) after it was committed; default 5s
 * @param dedupWindow {@code dedup.window}: how long an event id is remembered to drop repeats of a
 *     retried request; default 10min
 */
public record EnrichOptions(
    PostgresOptions postgres, Duration settingsRefresh, Duration dedupWindow)
    implements Serializable {

  public EnrichOptions {
    Objects.requireNonNull(postgres, "postgres");
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
        PostgresOptions.from(settings),
        settings.get(JobKeys.SETTINGS_REFRESH),
        settings.get(JobKeys.DEDUP_WINDOW));
  }
}
