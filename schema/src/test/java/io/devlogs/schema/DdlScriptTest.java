package io.devlogs.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DdlScriptTest {

  @Test
  void splitsOnSemicolonsThatEndALineAndDropsComments() {
    String text =
        """
        -- a comment; with a semicolon
        CREATE TABLE a (x Int32);
        CREATE TABLE b (
          y String -- trailing comment stays harmlessly inside the statement
        );   \s
        """;

    assertThat(DdlScript.parse(text, Map.of(), "test.sql"))
        .containsExactly(
            "CREATE TABLE a (x Int32)",
            "CREATE TABLE b (\n  y String -- trailing comment stays harmlessly inside the statement\n)");
  }

  @Test
  void keepsSemicolonsInsideALine() {
    assertThat(DdlScript.parse("SELECT ';' AS s, 1;", Map.of(), "x"))
        .containsExactly("SELECT ';' AS s, 1");
  }

  @Test
  void replacesPlaceholders() {
    assertThat(
            DdlScript.parse(
                "CREATE KEYSPACE k WITH replication = {{replication}};",
                Map.of("replication", "{'class': 'SimpleStrategy'}"),
                "x"))
        .containsExactly("CREATE KEYSPACE k WITH replication = {'class': 'SimpleStrategy'}");
  }

  @Test
  void unknownPlaceholderNamesTheFileAndThePlaceholder() {
    assertThatThrownBy(() -> DdlScript.parse("X {{missing}};", Map.of(), "001_x.cql"))
        .hasMessageContaining("001_x.cql")
        .hasMessageContaining("{{missing}}");
  }

  @Test
  void theCommittedDdlParses() {
    Path root = Path.of("ddl");
    assertThat(DdlScript.readAll(root.resolve("postgres"), ".sql", Map.of()))
        .flatMap(DdlScript::statements)
        .hasSize(46);
    assertThat(DdlScript.readAll(root.resolve("clickhouse"), ".sql", Map.of()))
        .flatMap(DdlScript::statements)
        .allSatisfy(
            s ->
                assertThat(s.startsWith("CREATE") || ClickHouseDdl.ADD_COLUMN.matcher(s).matches())
                    .as(s)
                    .isTrue());
    assertThat(DdlScript.readAll(root.resolve("clickhouse"), ".sql", Map.of()))
        .flatMap(DdlScript::statements)
        .allSatisfy(s -> assertThat(s).doesNotContain("--"));
    assertThat(DdlScript.readAll(root.resolve("cassandra"), ".cql", Map.of("replication", "{}")))
        .flatMap(DdlScript::statements)
        .hasSize(3);
  }

  @Test
  void missingFolderIsAClearError() {
    assertThatThrownBy(() -> DdlScript.readAll(Path.of("no-such-dir"), ".sql", Map.of()))
        .hasMessageContaining("no-such-dir")
        .hasMessageContaining("does not exist");
  }
}
