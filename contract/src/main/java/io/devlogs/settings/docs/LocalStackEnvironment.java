package io.devlogs.settings.docs;

import io.devlogs.settings.Setting;
import java.util.List;

/**
 * {@code stack/local-stack.env}: the {@code DEVLOGS_*} lines of the settings the local stack sets
 * ({@link Setting#localStackValue()}). The launcher exports them to every process it starts and
 * {@code bin/devlogs env} prints them for tests and shells.
 */
public final class LocalStackEnvironment {
  private LocalStackEnvironment() {}

  /** The file's text: a comment saying where it comes from, then one line per setting. */
  public static String text(List<Setting<?>> settings) {
    StringBuilder text =
        new StringBuilder(
            "# The settings of the local stack, generated from the settings registry (contract):\n"
                + "# edit the Setting declarations, then run "
                + GeneratedFiles.HOW_TO_REGENERATE
                + "\n");
    for (Setting<?> setting : settings) {
      if (setting.inLocalStackEnvironment()) {
        text.append(setting.environmentVariable())
            .append('=')
            .append(setting.localStackValue())
            .append('\n');
      }
    }
    return text.toString();
  }
}
