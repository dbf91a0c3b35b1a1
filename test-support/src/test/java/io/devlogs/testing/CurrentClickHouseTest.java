package io.devlogs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness itself: answers as TabSeparated text, rows carried after an INSERT, errors. */
class CurrentClickHouseTest {

  @RegisterExtension static final CurrentClickHouse clickhouse = new CurrentClickHouse();

  @Test
  void isACurrentRelease() {
    assertThat(clickhouse.version()).matches("2[4-9]\\.\\d+\\..*|[3-9]\\d\\.\\d+\\..*");
  }

  @Test
  void answersInTabSeparatedTextWithItsEscapes() {
    assertThat(clickhouse.execute("SELECT 1, 'a\\tb', 'line\\nnext', 'ünï'"))
        .isEqualTo("1\ta\\tb\tline\\nnext\tünï\n");
    assertThat(clickhouse.execute("CREATE DATABASE IF NOT EXISTS answers")).isEmpty();
  }

  @Test
  void takesTheRowsOfAnInsertAfterTheStatement() {
    clickhouse.execute("CREATE DATABASE IF NOT EXISTS harness");
    clickhouse.execute(
        "CREATE TABLE IF NOT EXISTS harness.rows (id UInt32, name String) ENGINE = MergeTree"
            + " ORDER BY id");
    clickhouse.execute(
        "INSERT INTO harness.rows (id, name) FORMAT JSONEachRow\n"
            + "{\"id\": 2, \"name\": \"two\"}\n{\"id\": 1, \"name\": \"one\"}\n");
    assertThat(clickhouse.execute("SELECT id, name FROM harness.rows ORDER BY id"))
        .isEqualTo("1\tone\n2\ttwo\n");
  }

  @Test
  void aRefusedStatementNamesItselfAndClickHousesError() {
    assertThatThrownBy(() -> clickhouse.execute("SELECT * FROM no_such_database.no_such_table"))
        .isInstanceOf(CurrentClickHouse.Refused.class)
        .hasMessageContaining("SELECT * FROM no_such_database.no_such_table")
        .hasMessageContaining("no_such_database")
        .satisfies(
            e -> assertThat(((CurrentClickHouse.Refused) e).error()).containsPattern("Code: \\d+"));
  }
}
