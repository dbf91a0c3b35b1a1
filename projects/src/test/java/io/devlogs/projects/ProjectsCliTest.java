package io.devlogs.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectsCliTest {

  // Unreachable database: usage errors must be reported before any connection is attempted.
  private final ProjectsDatabase database =
      ProjectsDatabase.connect("jdbc:postgresql://127.0.0.1:1/none", "u", "p");

  @Test
  void unknownCommandPrintsUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ProjectsCli.run(
            database,
            List.of("delete-everything"),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("create-project <name>");
  }

  @Test
  void unknownScopeIsRejected() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ProjectsCli.run(
            database,
            List.of("issue-key", "p_x", "ingest,root"),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("'root'").contains("admin");
  }

  @Test
  void keyCommandsRejectBadArgumentsBeforeConnecting() {
    for (List<String> command :
        List.of(
            List.of("issue-key", "p_x"),
            List.of("issue-key", "p_x", ""),
            List.of("issue-key", "p_x", "ingest", "--expires-at", "tomorrow"),
            List.of("issue-key", "p_x", "ingest", "--expires-in=3 weeks"),
            List.of(
                "issue-key",
                "p_x",
                "ingest",
                "--expires-in",
                "1d",
                "--expires-at=2030-01-01T00:00:00Z"),
            List.of("issue-key", "p_x", "ingest", "--expires-in"),
            List.of("list-keys"),
            List.of("create-project", "operator"),
            List.of("create-project", " "),
            List.of("revoke-key", "p_x"),
            List.of("operator-key", "--forever"))) {
      assertUsageError(command, "create-project <name>");
    }
  }

  @Test
  void settingsRejectsBadValuesBeforeConnecting() {
    for (List<String> command :
        List.of(
            List.of("settings", "p_x", "--redact-pii", "maybe"),
            List.of("settings", "p_x", "--retention=forever"),
            List.of("settings", "p_x", "--retention"),
            List.of("settings", "p_x", "--colour", "red"))) {
      assertUsageError(command, "settings <project-id>");
    }
  }

  @Test
  void retentionClassesHaveTheirDays() {
    assertThat(RetentionClass.fromDbValue("SHORT").days()).isEqualTo(7);
    assertThat(RetentionClass.fromDbValue("standard").days()).isEqualTo(30);
    assertThat(RetentionClass.fromDbValue("long").days()).isEqualTo(365);
    assertThat(ProjectSettings.DEFAULTS)
        .isEqualTo(new ProjectSettings(true, RetentionClass.STANDARD));
  }

  /** The command fails with status 2 and an error naming the usage line, before connecting. */
  private void assertUsageError(List<String> command, String usage) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ProjectsCli.run(
            database,
            command,
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).as("%s", command).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .as("%s", command)
        .startsWith("error: ")
        .contains(usage);
  }
}
