package io.devlogs.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What ingest writes to the raw topic, the job reads back. */
class RawRecordTest {

  /** Headers as a Kafka record holds them: the last header of a name wins. */
  private static Map<String, byte[]> asKafkaHeaders(List<RawRecord.Header> headers) {
    Map<String, byte[]> last = new HashMap<>();
    headers.forEach(h -> last.put(h.name(), h.value()));
    return last;
  }

  @Test
  void everyHeaderIngestWritesReadsBack() {
    List<RawRecord.Header> written =
        new ArrayList<>(
            RawRecord.requestHeaders(
                "p_1", 1_700_000_000_123L, RawRecord.FORMAT_TEXT, "run-42", "ci", "retry-7"));
    written.add(RawRecord.indexHeader(3));

    RawRecord.Headers read = RawRecord.readHeaders(asKafkaHeaders(written)::get);

    assertThat(read)
        .isEqualTo(
            new RawRecord.Headers("p_1", "1700000000123", "text", "run-42", "ci", "3", "retry-7"));
    assertThat(RawRecord.receivedMillis(read.receivedMs(), 0)).isEqualTo(1_700_000_000_123L);
    assertThat(RawRecord.projectOfKey(RawRecord.key("p_1"))).isEqualTo("p_1");
  }

  @Test
  void optionalHeadersAreLeftOutAndReadAsNull() {
    List<RawRecord.Header> written =
        RawRecord.requestHeaders("p_1", 5, RawRecord.FORMAT_JSON, null, null, null);

    assertThat(written)
        .extracting(RawRecord.Header::name)
        .containsExactly(
            RawRecord.HEADER_PROJECT, RawRecord.HEADER_RECEIVED_MS, RawRecord.HEADER_FORMAT);
    assertThat(RawRecord.readHeaders(asKafkaHeaders(written)::get))
        .isEqualTo(new RawRecord.Headers("p_1", "5", "json", null, null, null, null));
    assertThat(RawRecord.projectOfKey(null)).isNull();
  }

  @Test
  void theWireNamesAndValuesAreTheDocumentedOnes() {
    List<RawRecord.Header> written =
        new ArrayList<>(RawRecord.requestHeaders("p é", 1, "json", "s", "svc", "k"));
    written.add(RawRecord.indexHeader(0));
    Map<String, String> text = new HashMap<>();
    written.forEach(h -> text.put(h.name(), new String(h.value(), StandardCharsets.UTF_8)));

    assertThat(text)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "devlogs-project", "p é",
                "devlogs-received-ms", "1",
                "devlogs-format", "json",
                "devlogs-stream", "s",
                "devlogs-service", "svc",
                "devlogs-idempotency-key", "k",
                "devlogs-index", "0"));
  }

  @Test
  void aMissingOrBrokenReceivedTimeFallsBackToTheKafkaTimestamp() {
    assertThat(RawRecord.receivedMillis(null, 42)).isEqualTo(42);
    assertThat(RawRecord.receivedMillis("soon", 42)).isEqualTo(42);
    assertThat(RawRecord.receivedMillis(" 7 ", 42)).isEqualTo(7);
  }
}
