package io.devlogs.projects;

import io.devlogs.settings.Settings;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command line for projects and keys, printing env-file lines.
 *
 * <pre>
 * create-project &lt;name&gt;                 idempotent on name; always issues fresh keys
 *   DEVLOGS_PROJECT_ID=p_...
 *   DEVLOGS_INGEST_KEY=dl_ingest_...
 *   DEVLOGS_QUERY_KEY=dl_query_...
 * issue-key &lt;project-id&gt; &lt;ingest|query&gt;
 *   DEVLOGS_INGEST_KEY=... (or DEVLOGS_QUERY_KEY=...)
 * settings &lt;project-id&gt; [--redact-pii on|off] [--retention short|standard|long]
 *   redact-pii=on                        changes the given settings, prints the current ones;
 *   retention=standard                   the running Flink job picks them up within its
 *   retention-days=30                    settings.refresh (5 s by default)
 * </pre>
 *
 * Database settings come from {@code --postgres.url=...} etc. or {@code DEVLOGS_POSTGRES_URL}.
 */
public final class ProjectsCli {

  private static final String USAGE =
      "usage: ProjectsCli [--postgres.url=... --postgres.user=... --postgres.password=...]"
          + " create-project <name> | issue-key <project-id> <ingest|query>"
          + " | settings <project-id> [--redact-pii on|off] [--retention short|standard|long]";

  /** Flags of the settings command; every other {@code --key=value} is a database setting. */
  private static final List<String> SETTINGS_FLAGS = List.of("--redact-pii", "--retention");

  private ProjectsCli() {}

  public static void main(String[] args) {
    List<String> settingArgs = new ArrayList<>();
    List<String> command = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (SETTINGS_FLAGS.contains(arg) && i + 1 < args.length) {
        command.add(arg);
        command.add(args[++i]);
      } else if (arg.startsWith("--") && !SETTINGS_FLAGS.contains(arg.split("=", 2)[0])) {
        settingArgs.add(arg);
      } else {
        command.add(arg);
      }
    }
    int status;
    try (ProjectStore store =
        ProjectStore.connect(Settings.fromEnvironment(settingArgs.toArray(String[]::new)))) {
      status = run(store, command, System.out, System.err);
    } catch (RuntimeException e) {
      System.err.println("error: " + e.getMessage());
      status = 1;
    }
    System.exit(status);
  }

  /** Runs one command; returns the process exit status. */
  static int run(ProjectStore store, List<String> command, PrintStream out, PrintStream err) {
    if (command.size() == 2 && command.get(0).equals("create-project")) {
      String name = command.get(1);
      Project project = findOrCreate(store, name);
      out.println("DEVLOGS_PROJECT_ID=" + project.id());
      out.println("DEVLOGS_INGEST_KEY=" + store.issueKey(project.id(), Scope.INGEST));
      out.println("DEVLOGS_QUERY_KEY=" + store.issueKey(project.id(), Scope.QUERY));
      return 0;
    }
    if (command.size() == 3 && command.get(0).equals("issue-key")) {
      Scope scope;
      try {
        scope = Scope.fromDbValue(command.get(2));
      } catch (IllegalArgumentException e) {
        err.println("error: " + e.getMessage());
        err.println(USAGE);
        return 2;
      }
      String key = store.issueKey(command.get(1), scope);
      out.println("DEVLOGS_" + scope.name() + "_KEY=" + key);
      return 0;
    }
    if (command.size() >= 2 && command.get(0).equals("settings")) {
      return settings(store, command.get(1), command.subList(2, command.size()), out, err);
    }
    err.println(USAGE);
    return 2;
  }

  private static int settings(
      ProjectStore store, String projectId, List<String> flags, PrintStream out, PrintStream err) {
    Boolean redactPii = null;
    RetentionClass retention = null;
    try {
      for (int i = 0; i < flags.size(); i++) {
        String[] flag = flags.get(i).split("=", 2);
        String value;
        if (flag.length == 2) {
          value = flag[1];
        } else if (i + 1 < flags.size()) {
          value = flags.get(++i);
        } else {
          throw new IllegalArgumentException(flag[0] + " needs a value");
        }
        switch (flag[0]) {
          case "--redact-pii" -> redactPii = onOff(value);
          case "--retention" -> retention = RetentionClass.fromDbValue(value);
          default -> throw new IllegalArgumentException("unknown option '" + flag[0] + "'");
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    ProjectSettings current =
        redactPii == null && retention == null
            ? store.settings(projectId)
            : store.updateSettings(projectId, redactPii, retention);
    out.println("redact-pii=" + (current.redactPii() ? "on" : "off"));
    out.println("retention=" + current.retention().dbValue());
    out.println("retention-days=" + current.retention().days());
    return 0;
  }

  private static boolean onOff(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes" -> true;
      case "off", "false", "no" -> false;
      default ->
          throw new IllegalArgumentException("--redact-pii '" + value + "' must be on or off");
    };
  }

  private static Project findOrCreate(ProjectStore store, String name) {
    return store
        .findProjectByName(name)
        .orElseGet(
            () -> {
              try {
                return store.createProject(name);
              } catch (IllegalStateException e) {
                // A concurrent create-project with the same name won the unique constraint.
                return store.findProjectByName(name).orElseThrow(() -> e);
              }
            });
  }
}
