package io.devlogs.flink.sinks.clickhouse;

import io.devlogs.testing.CurrentClickHouse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sink's ClickHouse client sending its statements, unchanged, to a {@link CurrentClickHouse}
 * instead of a server's HTTP interface: the rows of an insert follow the statement, as ClickHouse
 * reads inline data, and a select gets the same {@code FORMAT TabSeparated} the HTTP client adds.
 * Keeps every statement it sent, so a test can tell which of the sink's shapes it ran.
 */
public final class CurrentClickHouseHttp extends ClickHouseHttp {

  private final CurrentClickHouse clickhouse;
  private final List<String> sent = new ArrayList<>();

  public CurrentClickHouseHttp(CurrentClickHouse clickhouse, String database) {
    super(
        new ClickHouseEndpoint(URI.create("http://current-clickhouse.invalid/"), database, "", ""),
        Duration.ofMinutes(1));
    this.clickhouse = clickhouse;
  }

  /** Every statement sent so far, in order (without the rows of inserts). */
  public List<String> sent() {
    return List.copyOf(sent);
  }

  @Override
  public void insert(String insertSql, byte[] body) throws IOException {
    run(insertSql, insertSql + "\n" + new String(body, StandardCharsets.UTF_8));
  }

  @Override
  public void insert(String insertSql, Path body) throws IOException {
    insert(insertSql, Files.readAllBytes(body));
  }

  @Override
  public void selectInto(String sql, Path answer) throws IOException {
    Files.writeString(answer, run(sql, sql), StandardCharsets.UTF_8);
  }

  @Override
  public void execute(String sql, String queryId) throws IOException {
    run(sql, sql);
  }

  @Override
  public List<String[]> select(String sql) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : run(sql, sql + " FORMAT TabSeparated").split("\n")) {
      if (!line.isEmpty()) {
        rows.add(line.split("\t", -1));
      }
    }
    return rows;
  }

  private String run(String statement, String text) throws IOException {
    sent.add(statement);
    try {
      return clickhouse.execute(text);
    } catch (CurrentClickHouse.Refused e) {
      throw new ErrorAnswer(500, e.error(), e.getMessage());
    }
  }
}
