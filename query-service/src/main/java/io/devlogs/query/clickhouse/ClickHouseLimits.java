package io.devlogs.query.clickhouse;

/**
 * Per-query limits ClickHouse enforces on the reader's requests (sent as the settings {@code
 * max_execution_time}, {@code max_rows_to_read} and {@code max_memory_usage}); a query over them
 * fails with a limit error that the API answers as 422 {@code query_too_large}.
 *
 * @param maxExecutionSeconds for searches, counts and lookups
 * @param exportMaxExecutionSeconds for streamed exports, which also wait on the client's reading
 */
public record ClickHouseLimits(
    int maxExecutionSeconds,
    int exportMaxExecutionSeconds,
    long maxRowsToRead,
    long maxMemoryBytes) {

  public ClickHouseLimits {
    if (maxExecutionSeconds < 1 || exportMaxExecutionSeconds < 1) {
      throw new IllegalArgumentException("execution time limits must be at least 1 second");
    }
    if (maxRowsToRead < 1 || maxMemoryBytes < 1) {
      throw new IllegalArgumentException("row and memory limits must be positive");
    }
  }
}
