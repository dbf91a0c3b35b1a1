package io.devlogs.settings;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Typed config lookup: {@code --key=value} args, {@code -Dkey} system properties, {@code
 * DEVLOGS_KEY} env vars, then defaults.
 *
 * <p>The environment variable for a key is {@code DEVLOGS_} followed by the key upper-cased with
 * {@code .} and {@code -} turned into {@code _}: {@code kafka.bootstrap-servers} is read from
 * {@code DEVLOGS_KAFKA_BOOTSTRAP_SERVERS}. Instances are immutable and thread-safe.
 */
public final class Settings {

  private final Map<String, String> args;
  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;

  private Settings(
      Map<String, String> args,
      Map<String, String> systemProperties,
      Map<String, String> environment) {
    this.args = Map.copyOf(args);
    this.systemProperties = Map.copyOf(systemProperties);
    this.environment = Map.copyOf(environment);
  }

  /**
   * Settings from command-line arguments, the JVM system properties and {@link System#getenv()}.
   * Arguments that do not look like {@code --key=value} are rejected, so a typo is not silently
   * ignored.
   *
   * @throws IllegalArgumentException for an argument not of the form {@code --key=value}
   */
  public static Settings fromEnvironment(String[] args) {
    return new Settings(parseArgs(args), systemPropertiesSnapshot(), System.getenv());
  }

  /** Settings with exactly these values (keys as in the contract, e.g. {@code ingest.port}). */
  public static Settings of(Map<String, String> values) {
    return new Settings(values, Map.of(), Map.of());
  }

  /**
   * The value of a declared setting: the first source that sets it, else its default, parsed and
   * checked by its type.
   *
   * @throws IllegalArgumentException naming the key, the value, what is wrong and how to set it;
   *     or, for a setting without a default that no source sets, that it is required
   */
  public <T> T get(Setting<T> setting) {
    String text = get(setting.key(), setting.defaultValue());
    if (text == null) {
      throw new IllegalArgumentException(
          "Setting '" + setting.key() + "' is required (" + setting.howToSet() + ")");
    }
    return parse(setting.key(), text, setting.type(), setting.secret() ? "<secret>" : text);
  }

  private static <T> T parse(String key, String text, ValueType<T> type, String shown) {
    try {
      return type.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Setting '"
              + key
              + "' "
              + e.getMessage()
              + " but was '"
              + shown
              + "' ("
              + Setting.howToSet(key, type.example())
              + ")",
          e);
    }
  }

  /** Whether some source sets the key (its default does not count). */
  public boolean isSet(Setting<?> setting) {
    return get(setting.key(), null) != null;
  }

  /** The value of {@code key}, or {@code defaultValue} if no source defines it. */
  public String get(String key, String defaultValue) {
    Objects.requireNonNull(key, "key");
    String value = args.get(key);
    if (value == null) {
      value = systemProperties.get(key);
    }
    if (value == null) {
      value = environment.get(Setting.environmentVariable(key));
    }
    return value != null ? value : defaultValue;
  }

  /**
   * The value of {@code key} as an int, or {@code defaultValue} if no source defines it: a
   * program's own flag, not a declared setting.
   *
   * @throws IllegalArgumentException naming the key and the value if it is not an integer
   */
  public int getInt(String key, int defaultValue) {
    String text = get(key, null);
    return text == null
        ? defaultValue
        : parse(key, text, ValueType.integer(Integer.MIN_VALUE, Integer.MAX_VALUE), text);
  }

  private static Map<String, String> parseArgs(String[] args) {
    Map<String, String> parsed = new HashMap<>();
    if (args == null) {
      return parsed;
    }
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq <= 2) {
        throw new IllegalArgumentException(
            "Unexpected argument '" + arg + "': settings are passed as --key=value");
      }
      parsed.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return parsed;
  }

  private static Map<String, String> systemPropertiesSnapshot() {
    Map<String, String> snapshot = new HashMap<>();
    System.getProperties()
        .forEach(
            (k, v) -> {
              if (k instanceof String key && v instanceof String value) {
                snapshot.put(key, value);
              }
            });
    return snapshot;
  }

  /** For tests of the precedence rules. */
  static Settings of(
      Map<String, String> args,
      Map<String, String> systemProperties,
      Map<String, String> environment) {
    return new Settings(args, systemProperties, environment);
  }

  /** For tests: parses arguments as {@link #fromEnvironment(String[])} does. */
  static Settings fromArgs(
      String[] args, Map<String, String> systemProperties, Map<String, String> environment) {
    return new Settings(parseArgs(args), systemProperties, environment);
  }
}
