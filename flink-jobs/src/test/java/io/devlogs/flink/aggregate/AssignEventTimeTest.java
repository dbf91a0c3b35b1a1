package io.devlogs.flink.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AssignEventTimeTest {

  @Test
  void recordsTakeTheirEventTimeAndWatermarksPassThroughUnchanged() throws Exception {
    try (var harness = new OneInputStreamOperatorTestHarness<>(new AssignEventTime())) {
      harness.open();
      // Received at 100 s; the event happened at 95 s, or an hour later on a fast client clock.
      LogEvent past = WindowHarness.event("p", "api", Level.INFO, 95_000, null);
      LogEvent future = WindowHarness.event("p", "api", Level.INFO, 3_700_000, null);
      harness.processElement(new StreamRecord<>(past, 100_000));
      harness.processWatermark(new Watermark(89_999));
      harness.processElement(new StreamRecord<>(future, 100_000));
      harness.processWatermarkStatus(WatermarkStatus.IDLE);

      assertThat(harness.getOutput())
          .containsExactly(
              new StreamRecord<>(past, 95_000),
              new Watermark(89_999),
              new StreamRecord<>(future, 3_700_000),
              WatermarkStatus.IDLE);
    }
  }
}
