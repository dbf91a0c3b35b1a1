package io.devlogs.flink.patterns;

import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogEventStreamType;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Adds {@link MinePatterns} to a stream of events: keyed by project, each event comes out with its
 * pattern id (in {@link LogEventStreamType}'s compact form when it crosses a shuffle); {@link
 * MinePatterns#CHANGES} is the side output of created and generalised patterns.
 *
 * <p>Keyed by the whole project, not by Drain's first levels (token count, first token): a message
 * whose first token has no node of its own descends to the wildcard node of its token count, where
 * it may join a pattern that began with a variable ({@code "<*> connected to <*>"} takes {@code
 * "alice connected to db"}), and {@code patterns.max-per-project} evicts the project's least
 * recently seen pattern; both need all of a project's messages in one miner.
 */
public final class PatternMining {

  public static final String NAME = "Mine log patterns";
  public static final String UID = "mine-log-patterns";

  private PatternMining() {}

  public static SingleOutputStreamOperator<LogEvent> mine(
      DataStream<LogEvent> events, PatternOptions options) {
    return events
        .keyBy(project())
        .process(new MinePatterns(options))
        .returns(LogEventStreamType.INSTANCE)
        .name(NAME)
        .uid(UID);
  }

  /** The key of {@link MinePatterns}: the project. */
  public static KeySelector<LogEvent, String> project() {
    return LogEvent::projectId;
  }
}
