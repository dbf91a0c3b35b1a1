package io.devlogs.bench.query;

import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import java.io.IOException;
import java.util.function.IntFunction;

/** A select straight to ClickHouse's HTTP interface: the ceiling of an API query. */
final class ClickHouseProbe implements Probe {

  private final ClickHouseHttp http;
  private final IntFunction<String> sqlOf;

  ClickHouseProbe(ClickHouseHttp http, IntFunction<String> sqlOf) {
    this.http = http;
    this.sqlOf = sqlOf;
  }

  @Override
  public String describe(int run) {
    return sqlOf.apply(run);
  }

  @Override
  public Sample call(int run) {
    String sql = sqlOf.apply(run);
    long start = System.nanoTime();
    try {
      long rows = http.select(sql).size();
      return new Sample(System.nanoTime() - start, rows, null);
    } catch (IOException e) {
      return Sample.failed(System.nanoTime() - start, ApiProbe.abbreviate(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Sample.failed(System.nanoTime() - start, "interrupted");
    }
  }
}
