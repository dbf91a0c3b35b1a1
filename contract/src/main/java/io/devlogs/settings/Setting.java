package io.devlogs.settings;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One configuration key, declared once in {@link SettingsRegistry}: its type, default, what it
 * means and which programs read it. Read it with {@link Settings#get(Setting)}.
 *
 * @param key the key, e.g. {@code kafka.bootstrap-servers}
 * @param type how its text is parsed and checked
 * @param defaultValue the text used when no source sets it ({@code null}: unset unless given)
 * @param description one sentence for the README's key table
 * @param secret whether its value is withheld from printed configuration
 * @param readBy the programs that read it
 * @param localStackValue the value the local stack sets ({@code stack/local-stack.env}, which the
 *     launcher exports and {@code bin/devlogs env} prints); {@code null}: the local stack leaves it
 *     to the default
 */
public record Setting<T>(
    String key,
    ValueType<T> type,
    String defaultValue,
    String description,
    boolean secret,
    Set<Component> readBy,
    String localStackValue) {

  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    readBy = Set.copyOf(readBy);
    if (readBy.isEmpty()) {
      throw new IllegalArgumentException(key + ": a setting nobody reads is not a setting");
    }
  }

  public static <T> Setting<T> of(
      String key, ValueType<T> type, String defaultValue, String description, Component... readBy) {
    return new Setting<>(key, type, defaultValue, description, false, Set.of(readBy), null);
  }

  /** The same key, with its value withheld wherever configuration is printed. */
  public Setting<T> asSecret() {
    return new Setting<>(key, type, defaultValue, description, true, readBy, localStackValue);
  }

  /**
   * The same key, set to its default in the local stack's environment: the processes the launcher
   * starts and the tests against the stack read it from there.
   */
  public Setting<T> inLocalStack() {
    return inLocalStack(defaultValue);
  }

  /** The same key, set to {@code value} in the local stack's environment. */
  public Setting<T> inLocalStack(String value) {
    Objects.requireNonNull(value, key + ": the local stack's value");
    return new Setting<>(key, type, defaultValue, description, secret, readBy, value);
  }

  /** Whether the local stack's environment sets it. */
  public boolean inLocalStackEnvironment() {
    return localStackValue != null;
  }

  /** The environment variable it is read from: {@code DEVLOGS_} + upper-cased key. */
  public String environmentVariable() {
    return environmentVariable(key);
  }

  /** {@code DEVLOGS_} followed by the key upper-cased, {@code .} and {@code -} as {@code _}. */
  public static String environmentVariable(String key) {
    return "DEVLOGS_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** How a user sets it, for error messages. */
  String howToSet() {
    return howToSet(key, type.example());
  }

  static String howToSet(String key, String example) {
    return "set --"
        + key
        + "="
        + example
        + ", -D"
        + key
        + "="
        + example
        + " or "
        + environmentVariable(key)
        + "="
        + example;
  }
}
