package io.devlogs.query.patterns;

/**
 * A project's log patterns over a range (ClickHouse {@code patterns} and {@code pattern_minutes}).
 */
public interface Patterns {
  PatternsResponse read(String projectId, PatternsRequest request);
}
