package io.devlogs.bench.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.flink.parse.LogEventParser;
import io.devlogs.flink.parse.ParseResult;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.generator.SyntheticLogs;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * {@code count} realistic events of one project spread evenly over {@code [from, from + span)}, as
 * the Flink job would hold them after parsing: {@link SyntheticLogs} writes each raw record the way
 * an app posts it, and the job's own {@link LogEventParser} turns it into a {@link LogEvent}.
 * Received 20..400 ms after the event time. Deterministic for a seed; not thread-safe.
 */
final class GeneratedEvents {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SOURCE_TOPIC = "devlogs-bench-query";

  private final String project;
  private final SyntheticLogs logs;
  private final LogEventParser parser = new LogEventParser();
  private final Random lag;
  private long offset;

  GeneratedEvents(String project, long seed, Instant from, Duration span, long count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive, got " + count);
    }
    this.project = project;
    this.logs = new SyntheticLogs(seed, new SteppingClock(from, span.toNanos() / count));
    this.lag = new Random(seed ^ 0x5DEECE66DL);
  }

  /** The next event, in time order. */
  LogEvent next() {
    ObjectNode raw = logs.next();
    byte[] value;
    try {
      value = JSON.writeValueAsBytes(raw);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    long receivedMs = Instant.parse(raw.get("ts").asText()).toEpochMilli() + 20 + lag.nextInt(381);
    RawLogRecord record =
        new RawLogRecord(
            project,
            value,
            project,
            Long.toString(receivedMs),
            "json",
            null,
            null,
            SOURCE_TOPIC,
            0,
            offset,
            receivedMs);
    offset++;
    ParseResult result = parser.parse(record);
    if (result instanceof ParseResult.Parsed parsed) {
      return parsed.event();
    }
    throw new IllegalStateException(
        "the job's parser rejected a generated event (" + result + "): " + raw);
  }
}
