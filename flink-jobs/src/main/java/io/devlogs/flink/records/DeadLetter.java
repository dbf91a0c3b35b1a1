package io.devlogs.flink.records;

/**
 * A raw record the pipeline could not turn into a {@link LogEvent}, with the reason why.
 *
 * @param raw the record as it was read
 * @param reason a human-readable description of what was wrong with it
 */
public record DeadLetter(RawLogRecord raw, String reason) {}
