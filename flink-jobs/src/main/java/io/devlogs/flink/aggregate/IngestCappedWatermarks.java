package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.LogEvent;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks that never run ahead of ingest time: each event advances the
 * watermark by {@code min(event time, received time)}, minus the out-of-orderness.
 *
 * <p>Events of all projects share a parallel instance, so with plain event-time watermarks one
 * client whose clock is an hour fast would close every other project's windows an hour early and
 * push all their events past the allowed lateness. Capped at the time ingest received the event, a
 * future-dated event still lands in its own (future) window, but the watermark only reaches that
 * window when real events catch up.
 */
public final class IngestCappedWatermarks implements WatermarkGenerator<LogEvent> {

  private final long outOfOrdernessMillis;
  private long maxTimestamp;

  public IngestCappedWatermarks(long outOfOrdernessMillis) {
    if (outOfOrdernessMillis < 0) {
      throw new IllegalArgumentException("out of orderness must be >= 0");
    }
    this.outOfOrdernessMillis = outOfOrdernessMillis;
    this.maxTimestamp = Long.MIN_VALUE + outOfOrdernessMillis + 1;
  }

  /** Event time in epoch millis (the window an event belongs to). */
  public static long eventTimeMillis(LogEvent event) {
    return Math.floorDiv(event.epochNanos(), 1_000_000L);
  }

  /** The time an event advances the watermark to (before subtracting the out-of-orderness). */
  public static long progressMillis(LogEvent event) {
    return Math.min(eventTimeMillis(event), event.receivedAtMillis());
  }

  @Override
  public void onEvent(LogEvent event, long eventTimestamp, WatermarkOutput output) {
    maxTimestamp = Math.max(maxTimestamp, progressMillis(event));
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.emitWatermark(new Watermark(maxTimestamp - outOfOrdernessMillis - 1));
  }
}
