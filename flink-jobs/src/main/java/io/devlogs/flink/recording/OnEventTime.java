package io.devlogs.flink.recording;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Puts each recorded value on its event's own time, as {@code MinuteCombiner} does for the job's
 * other minute windows: the stream's timestamps are the received times the source's watermarks
 * follow ({@code ReceivedTimeWatermarks}), and the watermarks pass through unchanged. Stateless.
 */
public final class OnEventTime extends AbstractStreamOperator<RecordedValue>
    implements OneInputStreamOperator<RecordedValue, RecordedValue> {

  private static final long serialVersionUID = 1L;

  public OnEventTime() {
    chainingStrategy = ChainingStrategy.ALWAYS;
  }

  @Override
  public void processElement(StreamRecord<RecordedValue> element) {
    output.collect(element.replace(element.getValue(), element.getValue().eventTimeMillis()));
  }
}
