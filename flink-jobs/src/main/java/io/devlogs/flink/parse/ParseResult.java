package io.devlogs.flink.parse;

import io.devlogs.flink.records.LogEvent;

/** The outcome of parsing one raw record: an event, or a reason why there is none. */
public sealed interface ParseResult {

  /** The record became an event. */
  record Parsed(LogEvent event) implements ParseResult {}

  /** The record could not be parsed; {@code reason} says why, in words a user can act on. */
  record Failed(String reason) implements ParseResult {}
}
