package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.LogEvent;
import java.io.Serializable;
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
 * Puts each event on its own event time and adds up the events of each window key and minute before
 * the shuffle to one-minute event-time windows, which then update their state once per sum instead
 * of once per event and never deserialise a whole event. The watermarks from the source ({@link
 * ReceivedTimeWatermarks}) pass through unchanged. What is added up, and what the windows receive,
 * is the {@link Combining}'s ({@link WindowInput#COMBINING} for the minute windows).
 *
 * <p><b>The windows see what they saw event by event.</b> The sums are sent before every watermark
 * and watermark status (before this input goes idle), before every checkpoint barrier ({@link
 * #prepareSnapshotPreBarrier}: nothing is kept in state, and a restore replays exactly what the
 * checkpoint did not cover) and at the end of the input. A window operator's watermark is the
 * minimum over its active inputs, so it never exceeds the last watermark this operator sent: a
 * window that was not due here (its end after that watermark) is not due there either, and its sum
 * counts like its events would have, firing nothing on arrival. Only an event of a window already
 * due here goes on its own ({@link Combining#alone}): it fires its window again (a late update) or,
 * past the allowed lateness, goes to the window's side output.
 *
 * <p>Stateless, so it may take the uid of a stateless operator it replaces.
 *
 * @param <K> the window key (without the minute)
 * @param <A> the running sum of one key and minute
 * @param <OUT> what the windows receive
 */
public final class MinuteCombiner<K, A, OUT> extends AbstractStreamOperator<OUT>
    implements OneInputStreamOperator<LogEvent, OUT> {

  private static final long serialVersionUID = 1L;

  /** Events added up after which the sums are sent even before the next watermark. */
  static final int MAX_COMBINED_EVENTS = 20_000;

  private static final long MINUTE = WindowAggregation.WINDOW.toMillis();

  /**
   * What one-minute windows need of events and how it adds up.
   *
   * @param <K> the window key (without the minute)
   * @param <A> the running sum of one key and minute
   * @param <OUT> what the windows receive
   */
  public interface Combining<K, A, OUT> extends Serializable {
    /** The window key of an event; equal keys (and minutes) add up. */
    K key(LogEvent event);

    /** Adds {@code event} to {@code sum} ({@code null} for the first event), returns the sum. */
    A add(A sum, LogEvent event);

    /** What the windows receive for the sum of events of one key and minute. */
    OUT sum(K key, A sum);

    /** What the windows receive for an event of a window that may already be due. */
    OUT alone(LogEvent event);
  }

  private record Slot<K>(K key, long windowStart) {}

  private final Combining<K, A, OUT> combining;

  private transient Map<Slot<K>, A> sums;
  private transient int combined;
  private transient long watermark;

  public MinuteCombiner(Combining<K, A, OUT> combining) {
    this.combining = combining;
    chainingStrategy = ChainingStrategy.ALWAYS;
  }

  @Override
  public void open() throws Exception {
    super.open();
    sums = new HashMap<>();
    combined = 0;
    watermark = Long.MIN_VALUE;
  }

  @Override
  public void processElement(StreamRecord<LogEvent> element) {
    LogEvent event = element.getValue();
    long time = event.epochMillis();
    long windowStart = TimeWindow.getWindowStartWithOffset(time, 0, MINUTE);
    if (windowStart + MINUTE - 1 <= watermark) {
      output.collect(element.replace(combining.alone(event), time));
      return;
    }
    Slot<K> slot = new Slot<>(combining.key(event), windowStart);
    sums.put(slot, combining.add(sums.get(slot), event));
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
   * Before this input goes idle, the windows get its sums: they may then follow other inputs'
   * watermarks past those sums' minutes.
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

  /** Sends the sums, each with its window's start as its time. */
  private void flush() {
    if (sums.isEmpty()) {
      return;
    }
    for (Map.Entry<Slot<K>, A> e : sums.entrySet()) {
      Slot<K> slot = e.getKey();
      output.collect(
          new StreamRecord<>(combining.sum(slot.key(), e.getValue()), slot.windowStart()));
    }
    sums = new HashMap<>();
    combined = 0;
  }
}
