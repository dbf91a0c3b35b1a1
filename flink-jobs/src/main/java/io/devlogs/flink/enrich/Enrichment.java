package io.devlogs.flink.enrich;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.JobKeys;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the job's enrichment and de-duplication steps need.
 *
 * @param settings where project settings are loaded from
 * @param refresh how often they are reloaded
 * @param dedupWindow how long an event id is remembered
 */
public record Enrichment(SettingsSource settings, Duration refresh, Duration dedupWindow)
    implements Serializable {

  public Enrichment {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(refresh, "refresh");
    Objects.requireNonNull(dedupWindow, "dedupWindow");
  }

  /** Settings from PostgreSQL, as configured. */
  public static Enrichment of(EnrichOptions options) {
    return new Enrichment(
        new PostgresSettingsSource(options), options.settingsRefresh(), options.dedupWindow());
  }

  /** Every project with the default settings, no database (tests with in-memory sinks). */
  public static Enrichment defaultSettings() {
    Settings defaults = Settings.of(Map.of());
    return new Enrichment(
        Map::of, defaults.get(JobKeys.SETTINGS_REFRESH), defaults.get(JobKeys.DEDUP_WINDOW));
  }
}
