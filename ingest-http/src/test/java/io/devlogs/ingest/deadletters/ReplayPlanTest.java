package io.devlogs.ingest.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.deadletters.DeadLetterRow;
import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.limits.IngestLimits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayPlanTest {

  private static final ReplayPlan PLAN = ReplayPlan.of(IngestLimits.DEFAULT);
  private static final long RECEIVED = 1_714_557_600_123L;

  private static DeadLetterRow letter(
      String cause, String value, boolean cut, String format, String index, String key) {
    return letter(cause, value, cut, format, index, key, 0);
  }

  private static DeadLetterRow letter(
      String cause,
      String value,
      boolean cut,
      String format,
      String index,
      String key,
      int partition) {
    return new DeadLetterRow(
        "dl-1",
        "p_a",
        RECEIVED,
        cause,
        "why",
        value,
        value.length() + (cut ? 10 : 0),
        cut,
        format,
        "s",
        null,
        index,
        key,
        partition < 0
            ? new DeadLetterRow.Source("clickhouse", -1, -1)
            : new DeadLetterRow.Source("devlogs-raw", partition, 42));
  }

  private static EventBatch replayed(ReplayPlan.Decision decision) {
    assertThat(decision).isInstanceOf(ReplayPlan.Replay.class);
    return ((ReplayPlan.Replay) decision).batch();
  }

  @Test
  void aRecordWithoutAKeyIsSentWithOneDerivedFromTheDeadLetterIdAtItsPosition() {
    EventBatch batch =
        replayed(
            PLAN.decide(
                "p_a", letter("out_of_bounds", "{\"msg\":\"m\"}", false, "json", "3", null)));
    assertThat(batch.projectId()).isEqualTo("p_a");
    assertThat(batch.idempotencyKey()).isEqualTo("dead-letter:dl-1");
    assertThat(batch.positions()).containsExactly(3);
    assertThat(batch.receivedMillis()).isEqualTo(RECEIVED);
    assertThat(batch.stream()).isEqualTo("s");
    assertThat(batch.service()).isNull();
    assertThat(batch.format()).isEqualTo(EventBatch.Format.JSON);
    assertThat(new String(batch.events().get(0), StandardCharsets.UTF_8))
        .isEqualTo("{\"msg\":\"m\"}");
    // The same dead letter gives the same batch every time: the job derives the same id.
    EventBatch again =
        replayed(
            PLAN.decide(
                "p_a", letter("out_of_bounds", "{\"msg\":\"m\"}", false, "json", "3", null)));
    assertThat(again.idempotencyKey()).isEqualTo(batch.idempotencyKey());
    assertThat(again.positions()).isEqualTo(batch.positions());
  }

  @Test
  void aRecordOfAKeyedRequestKeepsItsKeyAndPosition() {
    EventBatch batch =
        replayed(
            PLAN.decide("p_a", letter("unparseable", "{\"a\":1}", false, "json", "7", "req-9")));
    assertThat(batch.idempotencyKey()).isEqualTo("req-9");
    assertThat(batch.positions()).containsExactly(7);
  }

  @Test
  void textRecordsStayOneTextEventWithTheirStackTrace() {
    String trace = "ERROR boom\n\tat a.b(C.java:1)\n\tat d.e(F.java:2)";
    EventBatch batch =
        replayed(
            PLAN.decide("p_a", letter("refused_by_clickhouse", trace, false, "text", null, null)));
    assertThat(batch.format()).isEqualTo(EventBatch.Format.TEXT);
    assertThat(batch.events()).hasSize(1);
    assertThat(batch.positions()).containsExactly(0);
  }

  @Test
  void anEventRefusedAfterParsingIsReplayedWithItsIdButADerivedRowIsNot() {
    String event = "{\"id\":\"e-1\",\"ts\":\"2024-05-01T10:00:00Z\",\"msg\":\"m\"}";
    EventBatch batch =
        replayed(
            PLAN.decide(
                "p_a", letter("refused_by_clickhouse", event, false, "json", null, null, -1)));
    assertThat(new String(batch.events().get(0), StandardCharsets.UTF_8)).isEqualTo(event);
    String window = "{\"project\":\"p_a\",\"minute\":\"2024-05-01 10:00:00\",\"events\":3}";
    assertThat(
            PLAN.decide(
                "p_a", letter("refused_by_clickhouse", window, false, "json", null, null, -1)))
        .isInstanceOf(ReplayPlan.Skip.class)
        .extracting(d -> ((ReplayPlan.Skip) d).reason())
        .asString()
        .startsWith("a row the job derived");
  }

  @Test
  void lateCutUnknownAndInvalidRecordsAreSkippedWithTheReason() {
    List<DeadLetterRow> skipped =
        List.of(
            letter("too_late", "{\"a\":1}", false, "json", "0", null),
            letter("unparseable", "{\"a\":", true, "json", "0", null),
            letter("unparseable", "{\"a\":1}", false, "avro", "0", null),
            letter("unparseable", "{\"msg\": broken", false, "json", "0", null),
            letter("unparseable", "[{\"a\":1},{\"b\":2}]", false, "json", "0", null));
    List<String> reasons =
        skipped.stream()
            .map(l -> PLAN.decide("p_a", l))
            .map(d -> ((ReplayPlan.Skip) d).reason())
            .toList();
    assertThat(reasons.get(0)).startsWith("too_late: the event is stored");
    assertThat(reasons.get(1)).contains("only the first 5 of 15 bytes are stored");
    assertThat(reasons.get(2)).isEqualTo("unknown record format 'avro'");
    assertThat(reasons.get(3)).startsWith("ingest refuses the record: ");
    assertThat(reasons.get(4)).isEqualTo("the record reads as 2 events, not one");
  }

  @Test
  void theStatementQuotesEveryValue() {
    String sql =
        ClickHouseDeadLetterStore.selectSql(
            "p_a' OR 1=1 --",
            new ReplaySelection(
                Instant.parse("2024-05-01T00:00:00Z"),
                Instant.parse("2024-05-02T00:00:00Z"),
                List.of("unparseable"),
                List.of("x\\'y"),
                10));
    assertThat(sql)
        .contains("WHERE project = 'p_a\\' OR 1=1 --' AND received_at >= toDateTime(1714521600)")
        .contains("AND received_ms >= 1714521600000 AND received_ms < 1714608000000")
        .contains("AND cause IN ('unparseable') AND dead_letter_id IN ('x\\\\\\'y')")
        .endsWith("LIMIT 1 BY dead_letter_id LIMIT 10 FORMAT JSONEachRow");
  }
}
