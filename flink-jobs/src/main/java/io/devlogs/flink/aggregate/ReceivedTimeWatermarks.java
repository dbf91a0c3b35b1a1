package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.RawLogRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The watermarks of the minute windows, generated at the Kafka source from the time ingest received
 * each record ({@link RawLogRecord#receivedAtMillis()}): bounded out-of-orderness over received
 * times, with idleness.
 *
 * <p><b>Per partition.</b> The Kafka source runs one generator per partition (split) and emits the
 * minimum over its partitions, and every operator downstream takes the minimum over its inputs, so
 * the windows' watermark is that of the partition furthest behind. When a partition lags (after an
 * outage, or a slow broker), its backlog replays in order and holds the windows back until it has
 * caught up, instead of being late for windows that the other partitions already closed. Window
 * state grows meanwhile by one small accumulator per open window (never by the events).
 *
 * <p><b>Received time, not event time.</b> The event time is only known after parsing, and it is
 * the client's clock: events of all projects share a partition, so one client whose clock is an
 * hour fast would otherwise close every other project's windows an hour early. The received time is
 * ingest's clock. A future-dated event still lands in its own (future) window, which closes only
 * when received times get there; an event from a slow clock is late, or too late (a dead letter).
 * The windows themselves use each event's own time ({@link MinuteCombiner}).
 *
 * <p>{@code windows.out-of-orderness} is how long before ingest received it an event may have
 * happened and still be on time; {@code windows.idleness} is how long a partition without records
 * holds the windows back before it is ignored (until its next record). With idleness 0, a partition
 * without records, or a source subtask without a partition (parallelism above the partition count),
 * holds the windows back for good.
 */
public final class ReceivedTimeWatermarks {

  private ReceivedTimeWatermarks() {}

  /** The strategy for the raw Kafka source: timestamps are received times, watermarks per split. */
  public static WatermarkStrategy<RawLogRecord> strategy(WindowOptions options) {
    WatermarkStrategy<RawLogRecord> strategy =
        WatermarkStrategy.<RawLogRecord>forBoundedOutOfOrderness(options.outOfOrderness())
            .withTimestampAssigner((raw, kafkaTimestamp) -> raw.receivedAtMillis());
    return options.idleness().isZero() ? strategy : strategy.withIdleness(options.idleness());
  }
}
