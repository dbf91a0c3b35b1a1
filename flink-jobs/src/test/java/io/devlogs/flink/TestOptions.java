package io.devlogs.flink;

import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.settings.Settings;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The job's options in tests, read through the same {@link Settings} as the job: a test's own
 * values (as {@code --key=value} arguments), then system properties, the {@code DEVLOGS_*}
 * environment and the registry's defaults, which are the local stack's. Also random ids that keep
 * each test's data apart.
 */
public final class TestOptions {
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestOptions() {}

  /** The settings with {@code values} (contract keys) given as arguments. */
  public static Settings settings(Map<String, String> values) {
    return Settings.fromEnvironment(
        values.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new));
  }

  /** The job's options with {@code values} (contract keys) given as arguments. */
  public static PipelineOptions options(Map<String, String> values) {
    return PipelineOptions.from(settings(values));
  }

  /** The job's options of the local stack (or the stack the environment names). */
  public static PipelineOptions options() {
    return options(Map.of());
  }

  /** {@code n} random base62 characters. */
  public static String randomBase62(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
    }
    return sb.toString();
  }
}
