package io.devlogs.query.clickhouse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The limits every query-service read of ClickHouse runs under, sent as settings of the request so
 * ClickHouse itself stops a query that is too slow, reads too much or returns too much.
 *
 * @param maxExecutionSeconds {@code max_execution_time} ({@code query.max-execution-seconds})
 * @param maxRowsToRead {@code max_rows_to_read} ({@code query.max-rows-to-read})
 * @param maxMemoryBytes {@code max_memory_usage} ({@code query.max-memory-bytes})
 */
public record ClickHouseLimits(int maxExecutionSeconds, long maxRowsToRead, long maxMemoryBytes) {

  public ClickHouseLimits {
    if (maxExecutionSeconds < 1 || maxRowsToRead < 1 || maxMemoryBytes < 1) {
      throw new IllegalArgumentException("ClickHouse limits must be positive: " + this);
    }
  }

  /** The request settings for a query whose result has at most {@code maxResultRows} rows. */
  public Map<String, String> settings(long maxResultRows) {
    if (maxResultRows < 1) {
      throw new IllegalArgumentException("maxResultRows must be positive, was " + maxResultRows);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("max_execution_time", Integer.toString(maxExecutionSeconds));
    settings.put("max_rows_to_read", Long.toString(maxRowsToRead));
    settings.put("read_overflow_mode", "throw");
    settings.put("max_result_rows", Long.toString(maxResultRows));
    settings.put("result_overflow_mode", "throw");
    settings.put("max_memory_usage", Long.toString(maxMemoryBytes));
    return settings;
  }
}
