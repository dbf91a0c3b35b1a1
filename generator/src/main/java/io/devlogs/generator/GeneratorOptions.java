package io.devlogs.generator;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.EndpointKeys;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Options of the generator, from {@code --key=value} or {@code --key value} arguments, {@code
 * -Dkey} or {@code DEVLOGS_*} environment variables ({@code DEVLOGS_INGEST_URL}, {@code
 * DEVLOGS_INGEST_KEY}, ...). Where ingest is: {@code --ingest-url}, else {@link
 * EndpointKeys#INGEST_URL}.
 *
 * @param ingestUrl base URL of the ingest service ({@code /v1/logs} is appended)
 * @param ingestKey the project's ingest key
 * @param rate events per second, steady
 * @param duration how long to run; empty means until stopped
 * @param batchSize most events per request
 * @param seed seed of the event generator, so a run can be reproduced
 */
public record GeneratorOptions(
    URI ingestUrl,
    String ingestKey,
    double rate,
    Optional<Duration> duration,
    int batchSize,
    long seed) {

  static final String USAGE =
      "usage: LogGenerator --ingest-key=<dl_ingest_...> [--ingest-url="
          + EndpointKeys.INGEST_URL.defaultValue()
          + "]"
          + " [--rate=100] [--duration=10m] [--batch-size=100] [--seed=<n>]";

  public GeneratorOptions {
    if (ingestKey == null || ingestKey.isBlank()) {
      throw new IllegalArgumentException(
          "--ingest-key is required (or DEVLOGS_INGEST_KEY); create one with"
              + " ProjectsCli create-project <name>");
    }
    if (!(rate > 0)) {
      throw new IllegalArgumentException("--rate must be a positive number of events per second");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1");
    }
  }

  /** Parses the command line. */
  public static GeneratorOptions parse(String[] args) {
    return from(Settings.fromEnvironment(normalise(args)));
  }

  static GeneratorOptions from(Settings settings) {
    // --ingest-url: the generator's own flag; otherwise the ingest.url setting of every tool.
    String url = settings.get("ingest-url", settings.get(EndpointKeys.INGEST_URL));
    String rate = settings.get("rate", "100");
    String duration = settings.get("duration", null);
    String seed = settings.get("seed", null);
    try {
      return new GeneratorOptions(
          URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
          settings.get("ingest-key", null),
          Double.parseDouble(rate),
          duration == null || duration.isBlank()
              ? Optional.empty()
              : Optional.of(parseDuration(duration)),
          settings.getInt("batch-size", 100),
          seed == null ? System.nanoTime() : Long.parseLong(seed));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + e.getMessage(), e);
    }
  }

  /**
   * Accepts {@code 90} (seconds), {@code 90s}, {@code 15m}, {@code 2h} or ISO-8601 {@code PT1M}.
   */
  static Duration parseDuration(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("p")) {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      }
      char unit = value.charAt(value.length() - 1);
      if (Character.isDigit(unit)) {
        return Duration.ofSeconds(Long.parseLong(value));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (unit) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new IllegalArgumentException("unknown unit");
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--duration '" + text + "' is not a duration: use e.g. 90s, 15m, 2h or PT1M", e);
    }
  }

  /** Turns {@code --key value} pairs into {@code --key=value}, as {@link Settings} expects. */
  static String[] normalise(String[] args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("--")
          && !arg.contains("=")
          && i + 1 < args.length
          && !args[i + 1].startsWith("--")) {
        out.add(arg + "=" + args[++i]);
      } else {
        out.add(arg);
      }
    }
    return out.toArray(String[]::new);
  }
}
