package io.devlogs.flink.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamSpreadTest {

  private static final StreamSpread SPREAD = new StreamSpread();

  private static int subtask(String project, String stream, long receivedAtMillis, int subtasks) {
    LogEvent event =
        new LogEvent(
            project,
            "id",
            receivedAtMillis * 1_000_000,
            Level.INFO,
            "svc",
            stream,
            "m",
            Map.of(),
            receivedAtMillis);
    return SPREAD.partition(StreamSpread.of(event), subtasks);
  }

  @Test
  void aRequestsEventsOfOneStreamReachOneSubtask() {
    long received = 1_700_000_000_050L;
    for (int subtasks : new int[] {2, 3, 8}) {
      int first = subtask("p1", "checkout-7f9c/req-1", received, subtasks);
      assertThat(first).isBetween(0, subtasks - 1);
      assertThat(subtask("p1", "checkout-7f9c/req-1", received, subtasks)).isEqualTo(first);
      long sameSlice = received - received % StreamSpread.RECEIVE_SLICE_MILLIS;
      assertThat(subtask("p1", "checkout-7f9c/req-1", sameSlice, subtasks)).isEqualTo(first);
    }
  }

  @Test
  void oneBusyStreamMovesOverEverySubtaskSliceBySlice() {
    int subtasks = 3;
    int[] events = new int[subtasks];
    for (long slice = 0; slice < 3_000; slice++) {
      events[subtask("p1", "default", 1_700_000_000_000L + slice * 100, subtasks)]++;
    }
    for (int count : events) {
      assertThat(count).isBetween(800, 1_200);
    }
  }

  @Test
  void theStreamsOfOneMomentSpreadOverTheSubtasks() {
    int[] events = new int[2];
    for (int request = 0; request < 2_000; request++) {
      events[subtask("p1", "checkout-7f9c/req-" + request, 1_700_000_000_000L, 2)]++;
    }
    assertThat(events[0]).isBetween(850, 1_150);
    // the same stream name in another project is another stream
    int differs = 0;
    for (int request = 0; request < 200; request++) {
      String stream = "req-" + request;
      if (subtask("p1", stream, 1_700_000_000_000L, 2)
          != subtask("p2", stream, 1_700_000_000_000L, 2)) {
        differs++;
      }
    }
    assertThat(differs).isBetween(60, 140);
  }
}
