package io.devlogs.flink;

import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogWindow;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where the pipeline's outputs go. Each attacher adds its sink (and any sink-specific mapping) to
 * the stream it is given, with names and stable uids; tests pass collecting sinks instead.
 *
 * @param clickhouse receives every parsed event
 * @param cassandra receives every parsed event; returns the dead letters of the rows it refused
 * @param parsed receives every parsed event (the Kafka topic for live tail)
 * @param deadLetters receives every record that could not be parsed, every event too late for its
 *     minute window, and every event a store refused
 * @param windows receives the minute window rows (one per window firing, higher version replaces)
 */
public record PipelineSinks(
    Attacher<LogEvent> clickhouse,
    StoreAttacher cassandra,
    Attacher<LogEvent> parsed,
    Attacher<DeadLetter> deadLetters,
    Attacher<LogWindow> windows) {

  /** Adds a sink to a stream while the job graph is built (runs on the client only). */
  @FunctionalInterface
  public interface Attacher<T> {
    void attach(DataStream<T> stream) throws Exception;
  }

  /**
   * Adds a store's sink to the events and returns the dead letters of the events the store refused,
   * so they reach the dead-letter sink with the other dead letters.
   */
  @FunctionalInterface
  public interface StoreAttacher {
    DataStream<DeadLetter> attach(DataStream<LogEvent> events) throws Exception;
  }
}
