package io.devlogs.flink.patterns;

import io.devlogs.flink.records.LogEvent;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Adds {@link MinePatterns} to a stream of events: keyed by project, each event comes out with its
 * pattern id; {@link MinePatterns#CHANGES} is the side output of created and generalised patterns.
 */
public final class PatternMining {

  public static final String NAME = "Mine log patterns";
  public static final String UID = "mine-log-patterns";

  private PatternMining() {}

  public static SingleOutputStreamOperator<LogEvent> mine(
      DataStream<LogEvent> events, PatternOptions options) {
    return events.keyBy(project()).process(new MinePatterns(options)).name(NAME).uid(UID);
  }

  /** The key of {@link MinePatterns}: the project. */
  public static KeySelector<LogEvent, String> project() {
    return LogEvent::projectId;
  }
}
