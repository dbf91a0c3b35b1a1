package io.devlogs.flink.sinks.clickhouse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.sinks.ClickHouseEventFormat;
import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The staging bodies the writer builds from its reused buffer: every row once, in order, across
 * checkpoints, rows longer than the scratch's first segment, and rows kept through an outage and a
 * snapshot. The statements themselves run against ClickHouse in ExactlyOnceClickHouseSinkIT.
 */
class StagingWriterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A client that keeps each insert's body, or fails while {@link #down}. */
  private static final class Bodies extends ClickHouseHttp {
    final List<String> bodies = new ArrayList<>();
    boolean down;

    Bodies() {
      super(
          new ClickHouseEndpoint(URI.create("http://nowhere.invalid/"), "devlogs", "", ""),
          Duration.ofSeconds(1));
    }

    @Override
    public void insert(String insertSql, byte[] body) throws IOException {
      if (down) {
        throw new IOException("ClickHouse is down");
      }
      bodies.add(new String(body, StandardCharsets.UTF_8));
    }

    /** The messages of every staged row, in order. */
    List<String> messages() throws IOException {
      List<String> messages = new ArrayList<>();
      for (String body : bodies) {
        for (String line : body.split("\n")) {
          JsonNode row = JSON.readTree(line);
          assertThat(row.path("batch_id").asText()).matches(BatchIds.FORMAT);
          messages.add(row.path("message").asText());
        }
      }
      return messages;
    }
  }

  @Test
  void eachCheckpointStagesOnlyItsOwnRowsIncludingRowsLongerThanAScratchSegment() throws Exception {
    Bodies http = new Bodies();
    StagingWriter<LogEvent> writer = writer(http);
    String longMessage = "é".repeat(40_000) + " \"quoted\" \\ tab\t end";
    List<String> expected = new ArrayList<>();
    for (int checkpoint = 0; checkpoint < 3; checkpoint++) {
      for (int i = 0; i < 50; i++) {
        String message = i == 7 ? longMessage + checkpoint : "message " + checkpoint + "/" + i;
        writer.write(event(message));
        expected.add(message);
      }
      StagingWriter.Outcome outcome = writer.stage();
      assertThat(outcome.pending()).isFalse();
      assertThat(outcome.staged()).hasSize(1);
      assertThat(writer.bufferedRows()).isZero();
    }
    assertThat(http.bodies).hasSize(3);
    assertThat(http.messages()).containsExactlyElementsOf(expected);
  }

  @Test
  void rowsKeptThroughAnOutageAndASnapshotAreStagedOnceInOrder() throws Exception {
    Bodies http = new Bodies();
    StagingWriter<LogEvent> writer = writer(http);
    writer.write(event("staged first"));
    writer.stage();
    http.down = true;
    writer.write(event("kept 1"));
    writer.write(event("kept 2"));
    assertThat(writer.stage().pending()).isTrue();
    assertThat(writer.bufferedRows()).isEqualTo(2);

    StagingWriter<LogEvent> restored = writer(http);
    restored.restoreBuffer(writer.snapshotBuffer());
    restored.write(event("after restore"));
    http.down = false;
    assertThat(restored.stage().pending()).isFalse();
    assertThat(http.messages())
        .containsExactly("staged first", "kept 1", "kept 2", "after restore");
  }

  private static StagingWriter<LogEvent> writer(ClickHouseHttp http) throws IOException {
    return new StagingWriter<>(
        new ClickHouseEventFormat(), http, "devlogs.events_staging", 0, 1_000, 64 << 20);
  }

  private static LogEvent event(String message) {
    return new LogEvent(
        "p_staging",
        "e-" + message.hashCode(),
        1_714_730_400_000_000_000L,
        Level.INFO,
        "svc",
        "stream",
        message,
        Map.of("k", "v"),
        1_714_730_400_123L);
  }
}
