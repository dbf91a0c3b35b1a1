package io.devlogs.projects;

import java.util.ArrayList;
import java.util.List;

/** Command-line options given as {@code --name value} or {@code --name=value}, in order. */
public record CliFlags(List<Flag> flags) {

  /** One option and its value. */
  public record Flag(String name, String value) {}

  /**
   * @throws IllegalArgumentException for an option without a value
   */
  public static CliFlags parse(List<String> args) {
    List<Flag> flags = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String[] flag = args.get(i).split("=", 2);
      if (flag.length == 2) {
        flags.add(new Flag(flag[0], flag[1]));
      } else if (i + 1 < args.size()) {
        flags.add(new Flag(flag[0], args.get(++i)));
      } else {
        throw new IllegalArgumentException(flag[0] + " needs a value");
      }
    }
    return new CliFlags(List.copyOf(flags));
  }

  public static IllegalArgumentException unknown(Flag flag) {
    return new IllegalArgumentException("unknown option '" + flag.name() + "'");
  }
}
