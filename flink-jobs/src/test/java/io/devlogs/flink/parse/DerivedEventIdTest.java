package io.devlogs.flink.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.RawLogRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Event ids of records without a client id: what a retried request must keep, and not. */
class DerivedEventIdTest {

  /** A record as ingest writes it; offset and receive time change with every retry. */
  private static RawLogRecord ingested(
      String value, String index, String idempotencyKey, long offset, long received) {
    return ingested("p_a", "run-1", value, index, idempotencyKey, offset, received);
  }

  /** A record of that project and stream, as ingest writes it. */
  private static RawLogRecord ingested(
      String project,
      String stream,
      String value,
      String index,
      String idempotencyKey,
      long offset,
      long received) {
    return new RawLogRecord(
        project,
        value.getBytes(StandardCharsets.UTF_8),
        project,
        Long.toString(received),
        "text",
        stream,
        "ci",
        "devlogs-raw",
        (int) (offset % 3),
        offset,
        received,
        index,
        idempotencyKey);
  }

  /** The id of an event that carries its own time. */
  private static String id(RawLogRecord r) {
    return LogEventParser.derivedEventId(r, true);
  }

  @Test
  void aRetriedRequestGetsTheSameIdsWhateverItsOffsetsAndReceiveTime() {
    assertThat(id(ingested("GET / 200", "0", null, 10, 1_000)))
        .isEqualTo(id(ingested("GET / 200", "0", null, 99, 5_000)));
    assertThat(id(ingested("GET / 200", "3", "req-1", 10, 1_000)))
        .isEqualTo(id(ingested("other bytes", "3", "req-1", 99, 5_000)));
  }

  @Test
  void identicalLinesAtDifferentIndexesStayApart() {
    assertThat(id(ingested("GET / 200", "0", null, 10, 1_000)))
        .isNotEqualTo(id(ingested("GET / 200", "1", null, 11, 1_000)));
    assertThat(id(ingested("x", "0", "req-1", 10, 1_000)))
        .isNotEqualTo(id(ingested("x", "1", "req-1", 11, 1_000)));
  }

  @Test
  void projectStreamServiceValueAndKeyAllTakePart() {
    RawLogRecord base = ingested("GET / 200", "0", null, 10, 1_000);
    RawLogRecord otherStream = ingested("p_a", "run-2", "GET / 200", "0", null, 10, 1_000);
    RawLogRecord otherProject = ingested("p_b", "run-1", "GET / 200", "0", null, 10, 1_000);
    assertThat(id(otherStream)).isNotEqualTo(id(base));
    assertThat(id(otherProject)).isNotEqualTo(id(base));
    assertThat(id(ingested("GET / 201", "0", null, 10, 1_000))).isNotEqualTo(id(base));
    assertThat(id(ingested("GET / 200", "0", "req-1", 10, 1_000)))
        .isNotEqualTo(id(ingested("GET / 200", "0", "req-2", 10, 1_000)))
        .isNotEqualTo(id(base));
  }

  @Test
  void recordsThatDidNotComeThroughIngestKeepTheirKafkaPosition() {
    assertThat(id(ingested("x", null, null, 10, 1_000)))
        .isNotEqualTo(id(ingested("x", null, null, 11, 1_000)))
        .isEqualTo(id(ingested("x", null, null, 10, 9_000)));
  }

  @Test
  void aRepeatedLineWithoutItsOwnTimeIsNeverTakenForARetryUnlessTheRequestHasAKey() {
    // a heartbeat sent every minute: same bytes, same index, no time of its own
    RawLogRecord first = ingested("heartbeat", "0", null, 10, 1_000);
    RawLogRecord later = ingested("heartbeat", "0", null, 11, 61_000);
    assertThat(LogEventParser.derivedEventId(first, false))
        .isNotEqualTo(LogEventParser.derivedEventId(later, false))
        .isEqualTo(
            LogEventParser.derivedEventId(ingested("heartbeat", "0", null, 10, 9_000), false));
    assertThat(LogEventParser.derivedEventId(ingested("heartbeat", "0", "req-1", 10, 1_000), false))
        .isEqualTo(
            LogEventParser.derivedEventId(ingested("heartbeat", "0", "req-1", 11, 61_000), false));
  }

  @Test
  void theParserUsesTheClientsIdWhenThereIsOne() {
    var parsed =
        new LogEventParser()
            .parse(ingested("{\"id\":\"client-1\",\"msg\":\"x\"}", "0", null, 10, 1_000));
    assertThat(((ParseResult.Parsed) parsed).event().eventId()).isEqualTo("client-1");
    String timed = "{\"ts\":\"2024-05-03T10:00:00Z\",\"msg\":\"x\"}";
    var noId = new LogEventParser().parse(ingested(timed, "0", null, 10, 1_000));
    assertThat(((ParseResult.Parsed) noId).event().eventId())
        .isEqualTo(id(ingested(timed, "0", null, 77, 2_000)));
    assertThat(((ParseResult.Parsed) noId).event().sizeBytes()).isEqualTo(39);
    var untimed = new LogEventParser().parse(ingested("{\"msg\":\"x\"}", "0", null, 10, 1_000));
    assertThat(((ParseResult.Parsed) untimed).event().eventId())
        .isEqualTo(
            LogEventParser.derivedEventId(
                ingested("{\"msg\":\"x\"}", "0", null, 10, 1_000), false));
  }
}
