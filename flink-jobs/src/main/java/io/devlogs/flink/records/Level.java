package io.devlogs.flink.records;

/** Severity of a log event, ordered from least to most severe. */
public enum Level {
  TRACE(1),
  DEBUG(2),
  INFO(3),
  WARN(4),
  ERROR(5),
  FATAL(6);

  private final int rank;

  Level(int rank) {
    this.rank = rank;
  }

  /** 1 (TRACE) to 6 (FATAL); the same numbers as the ClickHouse {@code Enum8} of {@code level}. */
  public int rank() {
    return rank;
  }
}
