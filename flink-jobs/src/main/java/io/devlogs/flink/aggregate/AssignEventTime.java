package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.LogEvent;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Puts each event on its own event time for the minute windows: the record's timestamp (the
 * received time the source gave it) becomes the event time, and the watermarks from the source
 * ({@link ReceivedTimeWatermarks}) pass through unchanged. So an event falls into the window of its
 * own time, and is late only if the watermark of its partition had already passed that window.
 *
 * <p>An operator, not {@code assignTimestampsAndWatermarks}, which would replace the source's
 * watermarks with its own. Stateless; it keeps the uid of the watermark assigner it replaced (also
 * stateless), so savepoints of earlier versions restore.
 */
public final class AssignEventTime extends AbstractStreamOperator<LogEvent>
    implements OneInputStreamOperator<LogEvent, LogEvent> {

  private static final long serialVersionUID = 1L;

  public AssignEventTime() {
    chainingStrategy = ChainingStrategy.ALWAYS;
  }

  @Override
  public void processElement(StreamRecord<LogEvent> element) {
    output.collect(element.replace(element.getValue(), element.getValue().epochMillis()));
  }
}
