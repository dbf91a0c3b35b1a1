package io.devlogs.flink.enrich;

import io.devlogs.flink.records.LogEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops an event whose (project, event id) was already seen within the {@code window}: a client
 * that retries a request (same body, or the same {@code Idempotency-Key}) produces the same event
 * ids (see {@code LogEventParser.derivedEventId}), so its events are counted once by every sink and
 * window after this operator.
 *
 * <p>State per key is one tiny {@code ValueState<Boolean>} with a processing-time TTL of the window
 * (set on first sight, not extended by repeats), cleaned up by RocksDB compaction or incrementally
 * on the heap backend, so state size is bounded by the ids seen in one window. Retries older than
 * the window pass; they still collapse in ClickHouse ({@code ReplacingMergeTree}, and searches read
 * with {@code LIMIT 1 BY} the event's key) and Cassandra (upsert by event id), but not in the
 * minute windows.
 */
public class DeduplicateEvents extends KeyedProcessFunction<String, LogEvent, LogEvent> {

  private static final long serialVersionUID = 1L;

  private final Duration window;
  private transient ValueState<Boolean> seen;
  private transient Counter duplicates;

  public DeduplicateEvents(Duration window) {
    this.window = window;
  }

  /** The key of an event: project and event id (a project id never contains a NUL). */
  public static KeySelector<LogEvent, String> key() {
    return event -> event.projectId() + '\u0000' + event.eventId();
  }

  /**
   * The state per key: whether the key was seen within the {@code window} (a savepoint holds it).
   */
  public static ValueStateDescriptor<Boolean> seenState(Duration window) {
    ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
    descriptor.enableTimeToLive(
        StateTtlConfig.newBuilder(window)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .cleanupIncrementally(10, false)
            .cleanupInRocksdbCompactFilter(1000)
            .build());
    return descriptor;
  }

  @Override
  public void open(OpenContext openContext) {
    seen = getRuntimeContext().getState(seenState(window));
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
  }

  @Override
  public void processElement(LogEvent event, Context ctx, Collector<LogEvent> out)
      throws Exception {
    if (seen.value() != null) {
      duplicates.inc();
      return;
    }
    seen.update(Boolean.TRUE);
    out.collect(event);
  }
}
