package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Puts each event on its own event time and combines the events of each (project, service, level)
 * and minute into one {@link WindowInput} before the shuffle to the minute windows, which then
 * update their state once per combination instead of once per event and never deserialise a whole
 * event. The watermarks from the source ({@link ReceivedTimeWatermarks}) pass through unchanged.
 *
 * <p><b>The windows see what they saw event by event.</b> The combined totals are sent before every
 * watermark and watermark status (before this input goes idle), before every checkpoint barrier ({@link #prepareSnapshotPreBarrier}, so nothing is
 * kept in state and a restore replays exactly what the checkpoint did not cover) and at the end of
 * the input. The window operator's watermark is the minimum over its inputs, so it never exceeds
 * the last watermark this operator sent: a window that was not due here (its end after that
 * watermark) is not due there either, and its combined totals are counted like its events would
 * have been, firing nothing on arrival. Only events of a window that is already due here are sent
 * on their own, with the event: each fires its window again (a late update) or, past the allowed
 * lateness, goes to the side output as the event it was ({@link WindowAggregation#TOO_LATE}). Only
 * the order in which latency sums are added differs (the last bits of {@code latency_sum}).
 *
 * <p>Stateless; it keeps the uid of the operator it replaced, which only set the event time (and
 * of the watermark assigner before that, also stateless), so savepoints of earlier versions
 * restore.
 */
public final class WindowInputCombiner extends AbstractStreamOperator<WindowInput>
    implements OneInputStreamOperator<LogEvent, WindowInput> {

  private static final long serialVersionUID = 1L;

  /** Combined events after which the totals are sent even before the next watermark. */
  static final int MAX_COMBINED_EVENTS = 20_000;

  private static final long MINUTE = WindowAggregation.WINDOW.toMillis();

  private record Slot(String project, String service, Level level, long windowStart) {}

  private transient Map<Slot, WindowAccumulator> totals;
  private transient int combined;
  private transient long watermark;

  public WindowInputCombiner() {
    chainingStrategy = ChainingStrategy.ALWAYS;
  }

  @Override
  public void open() throws Exception {
    super.open();
    totals = new HashMap<>();
    combined = 0;
    watermark = Long.MIN_VALUE;
  }

  @Override
  public void processElement(StreamRecord<LogEvent> element) {
    LogEvent event = element.getValue();
    long time = event.epochMillis();
    long windowStart = TimeWindow.getWindowStartWithOffset(time, 0, MINUTE);
    if (windowStart + MINUTE - 1 <= watermark) {
      output.collect(element.replace(WindowInput.of(event), time));
      return;
    }
    totals.computeIfAbsent(
            new Slot(event.projectId(), event.service(), event.level(), windowStart),
            slot -> new WindowAccumulator())
        .add(event);
    if (++combined >= MAX_COMBINED_EVENTS) {
      flush();
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    flush();
    watermark = Math.max(watermark, mark.getTimestamp());
    super.processWatermark(mark);
  }

  /**
   * Before this input goes idle, the windows get its totals: they may then follow other inputs'
   * watermarks past those totals' minutes.
   */
  @Override
  public void processWatermarkStatus(WatermarkStatus status) throws Exception {
    flush();
    super.processWatermarkStatus(status);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    flush();
    super.finish();
  }

  /** Sends the combined totals, each with its window's start as its time. */
  private void flush() {
    if (totals.isEmpty()) {
      return;
    }
    for (Map.Entry<Slot, WindowAccumulator> e : totals.entrySet()) {
      Slot slot = e.getKey();
      output.collect(
          new StreamRecord<>(
              WindowInput.totals(slot.project(), slot.service(), slot.level(), e.getValue()),
              slot.windowStart()));
    }
    totals = new HashMap<>();
    combined = 0;
  }
}
