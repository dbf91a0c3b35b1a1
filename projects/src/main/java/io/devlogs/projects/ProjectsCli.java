package io.devlogs.projects;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.AuthKeys;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Command line for projects and keys, printing env-file lines.
 *
 * <pre>
 * create-project &lt;name&gt;                 idempotent on name; always issues fresh keys
 *   DEVLOGS_PROJECT_ID=p_...
 *   DEVLOGS_INGEST_KEY=dl_ingest_...
 *   DEVLOGS_QUERY_KEY=dl_query_...
 *   DEVLOGS_ADMIN_KEY=dl_admin_...
 * issue-key &lt;project-id&gt; &lt;scope&gt;[,&lt;scope&gt;...] [--expires-at &lt;instant&gt; | --expires-in &lt;30d|12h|15m&gt;]
 *   DEVLOGS_KEY_ID=&lt;uuid&gt;
 *   DEVLOGS_INGEST_KEY=... (DEVLOGS_&lt;SCOPE&gt;_KEY for one scope, DEVLOGS_KEY for several)
 * list-keys &lt;project-id&gt;                 one line per key: id, prefix, scopes, created,
 *                                        expires, revoked, status (never hashes or keys)
 * revoke-key &lt;project-id&gt; &lt;key-id&gt;
 * operator-key [--expires-at ... | --expires-in ...]
 *   DEVLOGS_OPERATOR_KEY=dl_admin_...     an admin key of the built-in operator project,
 *                                        which may create projects through the admin API
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
          + " create-project <name>"
          + " | issue-key <project-id> <ingest|query|admin>[,...] [--expires-at <ISO-8601 instant>"
          + " | --expires-in <30d|12h|15m>]"
          + " | list-keys <project-id> | revoke-key <project-id> <key-id>"
          + " | operator-key [--expires-at ... | --expires-in ...]"
          + " | settings <project-id> [--redact-pii on|off] [--retention short|standard|long]";

  /** Flags of the commands; every other {@code --key=value} is a database setting. */
  private static final List<String> SETTINGS_FLAGS =
      List.of("--redact-pii", "--retention", "--expires-at", "--expires-in");

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
    try {
      Settings settings = Settings.fromEnvironment(settingArgs.toArray(String[]::new));
      status =
          run(
              ProjectsDatabase.connect(settings),
              settings.get(AuthKeys.MAX_LIVE_KEYS_PER_PROJECT),
              command,
              System.out,
              System.err);
    } catch (RuntimeException e) {
      System.err.println("error: " + e.getMessage());
      status = 1;
    }
    System.exit(status);
  }

  /** Runs one command with the default cap of live keys; returns the process exit status. */
  static int run(
      ProjectsDatabase database, List<String> command, PrintStream out, PrintStream err) {
    return run(
        database, Settings.of(Map.of()).get(AuthKeys.MAX_LIVE_KEYS_PER_PROJECT), command, out, err);
  }

  /** Runs one command; returns the process exit status. */
  static int run(
      ProjectsDatabase database,
      int maxLiveKeysPerProject,
      List<String> command,
      PrintStream out,
      PrintStream err) {
    ProjectStore projects = new ProjectStore(database);
    ApiKeyStore keys = new ApiKeyStore(database, maxLiveKeysPerProject);
    String name = command.isEmpty() ? "" : command.get(0);
    List<String> args = command.subList(Math.min(1, command.size()), command.size());
    try {
      switch (name) {
        case "create-project" -> {
          requireArgs(args, 1, "create-project <name>");
          Project project = findOrCreate(projects, args.get(0));
          out.println("DEVLOGS_PROJECT_ID=" + project.id());
          for (Scope scope : List.of(Scope.INGEST, Scope.QUERY, Scope.ADMIN)) {
            out.println("DEVLOGS_" + scope.name() + "_KEY=" + keys.issueKey(project.id(), scope));
          }
          return 0;
        }
        case "issue-key" -> {
          if (args.size() < 2) {
            throw new IllegalArgumentException("issue-key needs <project-id> <scope>[,<scope>...]");
          }
          Set<Scope> scopes = Scope.fromDbValues(Arrays.asList(args.get(1).split(",", -1)));
          Instant expiresAt = KeyExpiry.parse(args.subList(2, args.size()), Instant.now());
          IssuedKey issued = keys.issueKey(args.get(0), scopes, expiresAt);
          out.println("DEVLOGS_KEY_ID=" + issued.info().id());
          String variable = scopes.size() == 1 ? scopes.iterator().next().name() + "_KEY" : "KEY";
          out.println("DEVLOGS_" + variable + "=" + issued.rawKey());
          return 0;
        }
        case "list-keys" -> {
          requireArgs(args, 1, "list-keys <project-id>");
          Instant now = Instant.now();
          out.println("id prefix scopes created expires revoked status");
          for (ApiKeyInfo key : keys.listKeys(args.get(0))) {
            out.println(
                String.join(
                    " ",
                    key.id(),
                    key.prefix(),
                    scopeList(key.scopes()),
                    key.createdAt().toString(),
                    Objects.toString(key.expiresAt(), "-"),
                    Objects.toString(key.revokedAt(), "-"),
                    key.status(now)));
          }
          return 0;
        }
        case "revoke-key" -> {
          requireArgs(args, 2, "revoke-key <project-id> <key-id>");
          Optional<ApiKeyInfo> revoked = keys.revokeKey(args.get(0), args.get(1));
          if (revoked.isEmpty()) {
            err.println("error: project " + args.get(0) + " has no key " + args.get(1));
            return 1;
          }
          out.println("revoked " + revoked.get().id() + " at " + revoked.get().revokedAt());
          return 0;
        }
        case "operator-key" -> {
          Instant expiresAt = KeyExpiry.parse(args, Instant.now());
          Project operator = projects.operatorProject();
          IssuedKey issued = keys.issueKey(operator.id(), Set.of(Scope.ADMIN), expiresAt);
          out.println("DEVLOGS_KEY_ID=" + issued.info().id());
          out.println("DEVLOGS_OPERATOR_KEY=" + issued.rawKey());
          return 0;
        }
        case "settings" -> {
          if (args.isEmpty()) {
            throw new IllegalArgumentException("settings needs <project-id>");
          }
          return settings(
              new ProjectSettingsStore(database),
              args.get(0),
              args.subList(1, args.size()),
              out,
              err);
        }
        default -> throw new IllegalArgumentException("unknown command '" + name + "'");
      }
    } catch (LiveKeyLimitException e) {
      err.println("error: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
  }

  private static void requireArgs(List<String> args, int count, String usage) {
    if (args.size() != count) {
      throw new IllegalArgumentException("expected " + usage);
    }
  }

  private static String scopeList(Set<Scope> scopes) {
    return new TreeSet<>(scopes).stream().map(Scope::dbValue).collect(Collectors.joining(","));
  }

  private static int settings(
      ProjectSettingsStore store,
      String projectId,
      List<String> flags,
      PrintStream out,
      PrintStream err) {
    Boolean redactPii = null;
    RetentionClass retention = null;
    try {
      for (CliFlags.Flag flag : CliFlags.parse(flags).flags()) {
        switch (flag.name()) {
          case "--redact-pii" -> redactPii = onOff(flag.value());
          case "--retention" -> retention = RetentionClass.fromDbValue(flag.value());
          default -> throw CliFlags.unknown(flag);
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

  private static Project findOrCreate(ProjectStore store, String rawName) {
    // Checked before the lookup, so the reserved operator project is never "found" here.
    String name = ProjectNames.check(rawName);
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
