package io.devlogs.ops;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of a launcher command: {@code --name value} or {@code --name=value} for the valued
 * ones, {@code --name} for flags. Anything else fails with the command's name, as bin/devlogs says
 * it: {@code bench pipeline: unknown option --evnts}.
 */
public final class CommandLine {
  private final Map<String, String> values;
  private final Set<String> flags;

  private CommandLine(Map<String, String> values, Set<String> flags) {
    this.values = Map.copyOf(values);
    this.flags = Set.copyOf(flags);
  }

  /**
   * @param command how errors name the command, e.g. {@code bench pipeline}
   * @param unknownHint appended to the unknown-option message (a usage line), or empty
   */
  public static CommandLine parse(
      String command,
      List<String> args,
      Set<String> valued,
      Set<String> knownFlags,
      String unknownHint) {
    Map<String, String> values = new HashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      String name = eq > 0 ? arg.substring(0, eq) : arg;
      if (valued.contains(name)) {
        if (eq > 0) {
          values.put(name, arg.substring(eq + 1));
        } else if (i + 1 < args.size()) {
          values.put(name, args.get(++i));
        } else {
          throw new CommandFailed(command + ": " + name + " needs a value");
        }
      } else if (eq < 0 && knownFlags.contains(arg)) {
        flags.add(arg);
      } else {
        throw new CommandFailed(command + ": unknown option " + arg + unknownHint);
      }
    }
    return new CommandLine(values, flags);
  }

  public static CommandLine parse(
      String command, List<String> args, Set<String> valued, Set<String> knownFlags) {
    return parse(command, args, valued, knownFlags, "");
  }

  /** The option's value, or the fallback if it was not given. */
  public String value(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public boolean given(String name) {
    return values.containsKey(name);
  }

  public boolean flag(String name) {
    return flags.contains(name);
  }

  /**
   * The option's value as a whole number of at least {@code min}, or the fallback.
   *
   * @throws CommandFailed with {@code message} when it is not
   */
  public long number(String name, long fallback, long min, String message) {
    String text = value(name, null);
    if (text == null) {
      return fallback;
    }
    if (!text.matches("[0-9]{1,18}") || Long.parseLong(text) < min) {
      throw new CommandFailed(message + " (got '" + text + "')");
    }
    return Long.parseLong(text);
  }
}
