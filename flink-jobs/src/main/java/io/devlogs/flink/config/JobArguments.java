package io.devlogs.flink.config;

import io.devlogs.settings.Settings;
import java.util.ArrayList;
import java.util.List;

/**
 * The job's program arguments: {@code --key=value} as every devlogs program takes them, and also
 * {@code --key value} (two arguments), the form users submit the job with ({@code flink run ...
 * --kafka.group-id devlogs-bench}). Either way the values join the one configuration path of {@link
 * Settings}: argument, system property, {@code DEVLOGS_*} environment, default.
 */
public final class JobArguments {

  private JobArguments() {}

  /** The settings of a job started with {@code args}. */
  public static Settings settings(String[] args) {
    return Settings.fromEnvironment(normalize(args));
  }

  /**
   * Every argument as {@code --key=value}: a {@code --key} without {@code =} takes the next
   * argument as its value.
   *
   * @throws IllegalArgumentException for a {@code --key} with no value after it
   */
  static String[] normalize(String[] args) {
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("--") && arg.indexOf('=') < 0) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new IllegalArgumentException(
              "Argument '"
                  + arg
                  + "' has no value: give "
                  + arg
                  + "=<value> or "
                  + arg
                  + " <value>");
        }
        joined.add(arg + "=" + args[++i]);
      } else {
        joined.add(arg);
      }
    }
    return joined.toArray(new String[0]);
  }
}
