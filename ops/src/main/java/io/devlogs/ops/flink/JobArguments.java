package io.devlogs.ops.flink;

import io.devlogs.settings.Component;
import io.devlogs.settings.Setting;
import io.devlogs.settings.Settings;
import io.devlogs.settings.SettingsRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The program arguments of the job. The job's main runs in the JobManager, which does not share the
 * launcher's environment: every setting the job reads ({@link SettingsRegistry#readBy} {@link
 * Component#JOB}) that the launcher's arguments, system properties or {@code DEVLOGS_*} environment
 * set is passed on as {@code --key=value}. Unset ones keep the job's defaults.
 */
public final class JobArguments {
  private JobArguments() {}

  /** The job's settings that are set here, in the registry's order. */
  public static List<String> forwarded(Settings settings) {
    return forwarded(settings, Map.of());
  }

  /** The same, with some values replaced or added (a second job's topic, group and ids). */
  public static List<String> forwarded(Settings settings, Map<Setting<?>, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Setting<?> setting : SettingsRegistry.readBy(Component.JOB)) {
      if (settings.isSet(setting)) {
        values.put(setting.key(), settings.get(setting.key(), null));
      }
    }
    overrides.forEach((setting, value) -> values.put(setting.key(), value));
    List<String> args = new ArrayList<>();
    values.forEach((key, value) -> args.add("--" + key + "=" + value));
    return args;
  }
}
