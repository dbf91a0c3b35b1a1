package io.devlogs.bench.e2e;

import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import java.io.IOException;
import java.time.Duration;

/** Counts a project's rows in ClickHouse {@code devlogs.events}, through the sink's client. */
public final class ClickHouseRows {

  private final ClickHouseHttp http;
  private final String sql;

  /**
   * @param clickhouse the stack's ClickHouse
   * @param project a project id (letters, digits, {@code _} and {@code -} only)
   */
  public ClickHouseRows(ClickHouseEndpoint clickhouse, String project) {
    if (!project.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("not a project id: '" + project + "'");
    }
    this.http = new ClickHouseHttp(clickhouse, Duration.ofSeconds(30));
    this.sql = "SELECT count() FROM devlogs.events WHERE project = '" + project + "'";
  }

  /**
   * The count. The client asks a second time if the first request gets no answer: ClickHouse closes
   * idle keep-alive connections after a few seconds, about as long as the time between samples, so
   * a reused connection may already be closed.
   */
  public long count() throws IOException, InterruptedException {
    return http.selectLong(sql);
  }
}
