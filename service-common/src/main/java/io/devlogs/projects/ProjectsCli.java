package io.devlogs.projects;

import io.devlogs.settings.Settings;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

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
 * </pre>
 *
 * Database settings come from {@code --postgres.url=...} etc. or {@code DEVLOGS_POSTGRES_URL}.
 */
public final class ProjectsCli {

  private static final String USAGE =
      "usage: ProjectsCli [--postgres.url=... --postgres.user=... --postgres.password=...]"
          + " create-project <name> | issue-key <project-id> <ingest|query>";

  private ProjectsCli() {}

  public static void main(String[] args) {
    List<String> settingArgs = new ArrayList<>();
    List<String> command = new ArrayList<>();
    for (String arg : args) {
      (arg.startsWith("--") ? settingArgs : command).add(arg);
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
    err.println(USAGE);
    return 2;
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
