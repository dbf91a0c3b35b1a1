package io.devlogs.flink.config;

import io.devlogs.settings.Setting;

/** Checks of option values whose messages say which setting to fix and how. */
final class Checks {

  private Checks() {}

  static void requireText(String value, Setting<?> setting, String example) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          setting.key() + " is empty; " + howToSet(setting, example));
    }
  }

  static String howToSet(Setting<?> setting, String example) {
    return "set --"
        + setting.key()
        + "="
        + example
        + " or "
        + setting.environmentVariable()
        + "="
        + example;
  }
}
