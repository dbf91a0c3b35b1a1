package io.devlogs.flink.aggregate;

import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.LogEvent;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events that arrived after their window was closed for good (later than the allowed lateness)
 * become dead letters with the reason {@value #REASON_PREFIX}..., and are counted in the metric
 * {@value #METRIC}. They are still in ClickHouse {@code events} and Cassandra (those sinks see
 * every parsed event); only the minute rows of {@code event_windows} miss them.
 *
 * <p>The dead letter's value is the event as JSON in the form ingest accepts ({@code id}, {@code
 * ts}, {@code level}, {@code service}, {@code stream}, {@code msg}, attributes), its source is
 * {@value #SOURCE_TOPIC}/-1/-1 (the Kafka position is not known after parsing).
 *
 * <p>{@link MinuteCombiner} sends an event of a window that may be too late on its own, with the
 * event. Should combined totals ever come too late (no event to show), they are counted in {@value
 * #METRIC_WITHOUT_EVENT} and logged instead of stopping the job: their events are stored, only the
 * minute rows miss them, as for any too-late event.
 */
public class TooLateEvents extends RichFlatMapFunction<WindowInput, DeadLetter> {

  private static final Logger LOG = LoggerFactory.getLogger(TooLateEvents.class);

  public static final String REASON_PREFIX = "too late for window";
  public static final String METRIC = "tooLateForWindows";
  public static final String METRIC_WITHOUT_EVENT = "tooLateCombinedTotals";
  public static final String SOURCE_TOPIC = "event-windows";

  private final Duration allowedLateness;
  private transient Counter tooLate;
  private transient Counter withoutEvent;

  public TooLateEvents(Duration allowedLateness) {
    this.allowedLateness = allowedLateness;
  }

  @Override
  public void open(OpenContext context) {
    tooLate = getRuntimeContext().getMetricGroup().counter(METRIC);
    withoutEvent = getRuntimeContext().getMetricGroup().counter(METRIC_WITHOUT_EVENT);
  }

  @Override
  public void flatMap(WindowInput input, Collector<DeadLetter> out) {
    if (input.event() == null) {
      withoutEvent.inc();
      LOG.warn(
          "{} events of {}/{}/{} came too late for their minute window, combined: not counted in"
              + " event_windows, no dead letter (they are stored)",
          input.totals().events(),
          input.project(),
          input.service(),
          input.level());
      return;
    }
    tooLate.inc();
    out.collect(toDeadLetter(input.event(), allowedLateness));
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
