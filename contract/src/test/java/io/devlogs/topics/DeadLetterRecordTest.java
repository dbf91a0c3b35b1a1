package io.devlogs.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.deadletters.DeadLetterCause;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the job writes to the dead-letter topic, its readers read back. */
class DeadLetterRecordTest {

  private static final RawRecord.Headers ORIGINAL =
      new RawRecord.Headers("p é", "1700000000123", "json", "run-42", "ci", "3", "retry-7");

  @Test
  void theWireNamesAndOrderAreTheDocumentedOnes() {
    List<RawRecord.Header> written =
        DeadLetterRecord.headers(
            ORIGINAL,
            "invalid JSON: x",
            DeadLetterRecord.source("devlogs-raw", 0, 9),
            DeadLetterCause.UNPARSEABLE);
    Map<String, String> text = new LinkedHashMap<>();
    written.forEach(h -> text.put(h.name(), new String(h.value(), StandardCharsets.UTF_8)));

    assertThat(text)
        .containsExactly(
            Map.entry("devlogs-project", "p é"),
            Map.entry("devlogs-received-ms", "1700000000123"),
            Map.entry("devlogs-format", "json"),
            Map.entry("devlogs-stream", "run-42"),
            Map.entry("devlogs-service", "ci"),
            Map.entry("devlogs-error", "invalid JSON: x"),
            Map.entry("devlogs-source", "devlogs-raw/0/9"),
            Map.entry("devlogs-error-cause", "unparseable"));
  }

  @Test
  void absentHeadersAreLeftOutAndEveryHeaderReadsBack() {
    List<RawRecord.Header> written =
        DeadLetterRecord.headers(
            new RawRecord.Headers(null, null, null, null, null, null, null),
            null,
            DeadLetterRecord.source("stage", -1, -1),
            DeadLetterCause.REFUSED_BY_KAFKA);
    Map<String, byte[]> last = new HashMap<>();
    written.forEach(h -> last.put(h.name(), h.value()));

    assertThat(written)
        .extracting(RawRecord.Header::name)
        .containsExactly(DeadLetterRecord.HEADER_SOURCE, DeadLetterRecord.HEADER_CAUSE);
    assertThat(DeadLetterRecord.readHeaders(last::get))
        .isEqualTo(new DeadLetterRecord.Headers(null, null, "stage/-1/-1", "refused_by_kafka"));
  }
}
