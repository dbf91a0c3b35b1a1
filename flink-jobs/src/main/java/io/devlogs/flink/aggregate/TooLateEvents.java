package io.devlogs.flink.aggregate;

import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.LogEvent;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Events that arrived after their window was closed for good (later than the allowed lateness)
 * become dead letters with the reason {@value #REASON_PREFIX}..., and are counted in the metric
 * {@value #METRIC}. They are still in ClickHouse {@code events} and Cassandra (those sinks see
 * every parsed event); only the minute rows of {@code event_windows} miss them.
 *
 * <p>The dead letter's value is the event as JSON in the form ingest accepts ({@code id}, {@code
 * ts}, {@code level}, {@code service}, {@code stream}, {@code msg}, attributes), its source is
 * {@value #SOURCE_TOPIC}/-1/-1 (the Kafka position is not known after parsing).
 */
public class TooLateEvents extends RichMapFunction<WindowInput, DeadLetter> {

  public static final String REASON_PREFIX = "too late for window";
  public static final String METRIC = "tooLateForWindows";
  public static final String SOURCE_TOPIC = "event-windows";

  private final Duration allowedLateness;
  private transient Counter tooLate;

  public TooLateEvents(Duration allowedLateness) {
    this.allowedLateness = allowedLateness;
  }

  @Override
  public void open(OpenContext context) {
    tooLate = getRuntimeContext().getMetricGroup().counter(METRIC);
  }

  @Override
  public DeadLetter map(WindowInput input) throws Exception {
    if (input.event() == null) {
      // WindowInputCombiner sends totals without their event only for windows not yet due.
      throw new IllegalStateException(
          "combined totals of " + input.project() + "/" + input.service() + " came too late");
    }
    tooLate.inc();
    return toDeadLetter(input.event(), allowedLateness);
  }

  /** The dead letter of an event that missed its window. */
  public static DeadLetter toDeadLetter(LogEvent event, Duration allowedLateness) {
    long eventMillis = event.epochMillis();
    Instant minute = Instant.ofEpochMilli(Math.floorDiv(eventMillis, 60_000L) * 60_000L);
    return DeadLetter.ofEvent(
        event,
        SOURCE_TOPIC,
        DeadLetterCause.TOO_LATE,
        REASON_PREFIX
            + " "
            + minute
            + " ("
            + event.service()
            + "/"
            + event.level()
            + "): event time "
            + event.timestamp()
            + " arrived more than "
            + allowedLateness
            + " after the window closed; the event is stored, but not counted in event_windows");
  }
}
