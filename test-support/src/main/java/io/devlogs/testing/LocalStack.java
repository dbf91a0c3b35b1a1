package io.devlogs.testing;

import io.devlogs.settings.Setting;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.EndpointKeys;
import java.net.URI;
import java.util.UUID;

/**
 * The running local stack, for the {@code *IT} tests that need it: its settings read as the
 * services read them (the registry's defaults, overridden by {@code -Dkey} and the {@code
 * DEVLOGS_*} variables that {@code bin/devlogs env} prints), its endpoints, and names no other test
 * run uses. Tests get one through {@link LocalStackExtension}.
 */
public final class LocalStack {
  private final Settings settings;

  LocalStack(Settings settings) {
    this.settings = settings;
  }

  /** The stack the environment describes. */
  public static LocalStack fromEnvironment() {
    return new LocalStack(Settings.fromEnvironment(new String[0]));
  }

  /** Its settings, for the options classes that read them ({@code QueryOptions.from(...)}). */
  public Settings settings() {
    return settings;
  }

  /** The value of one setting. */
  public <T> T get(Setting<T> setting) {
    return settings.get(setting);
  }

  /** Ingest's base URL, without a trailing slash. */
  public URI ingestUrl() {
    return url(EndpointKeys.INGEST_URL);
  }

  /** The query service's base URL, without a trailing slash. */
  public URI queryUrl() {
    return url(EndpointKeys.QUERY_URL);
  }

  /** The Flink JobManager's REST API, without a trailing slash. */
  public URI flinkRestUrl() {
    return url(EndpointKeys.FLINK_REST_URL);
  }

  /**
   * {@code prefix} followed by a random suffix: a project name, topic or consumer group no other
   * run (and no other helper's run on the same stack) uses.
   */
  public String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private URI url(Setting<String> setting) {
    String url = settings.get(setting);
    return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }
}
