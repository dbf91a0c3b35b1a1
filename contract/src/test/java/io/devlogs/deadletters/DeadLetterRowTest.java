package io.devlogs.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterRowTest {

  @Test
  void theColumnsAreTheTablesInTheOrderTheJobWritesThem() {
    assertThat(DeadLetterRow.COLUMNS)
        .containsExactly(
            "project",
            "received_at",
            "received_ms",
            "dead_letter_id",
            "cause",
            "reason",
            "value",
            "value_bytes",
            "value_truncated",
            "format",
            "stream",
            "service",
            "record_index",
            "idempotency_key",
            "source_topic",
            "source_partition",
            "source_offset",
            "retention_days");
    assertThat(DeadLetterRow.READ_COLUMNS)
        .doesNotContain("received_at", "retention_days")
        .hasSize(DeadLetterRow.COLUMNS.size() - 2);
  }

  @Test
  void readMapsEachColumnToItsField() {
    Map<String, Object> row = new HashMap<>();
    row.put("dead_letter_id", "id-1");
    row.put("project", "p_1");
    row.put("received_ms", 1_700_000_000_123L);
    row.put("cause", "out_of_bounds");
    row.put("reason", "too long");
    row.put("value", "{}");
    row.put("value_bytes", 2L);
    row.put("value_truncated", 1L);
    row.put("format", "json");
    row.put("stream", null);
    row.put("service", "api");
    row.put("record_index", "4");
    row.put("idempotency_key", null);
    row.put("source_topic", "devlogs-raw");
    row.put("source_partition", 2L);
    row.put("source_offset", 99L);
    assertThat(row.keySet()).containsExactlyInAnyOrderElementsOf(DeadLetterRow.READ_COLUMNS);

    DeadLetterRow read =
        DeadLetterRow.read(
            new DeadLetterRow.Columns<RuntimeException>() {
              @Override
              public String text(String column) {
                return (String) row.get(column);
              }

              @Override
              public long number(String column) {
                return (Long) row.get(column);
              }
            });

    assertThat(read)
        .isEqualTo(
            new DeadLetterRow(
                "id-1",
                "p_1",
                1_700_000_000_123L,
                "out_of_bounds",
                "too long",
                "{}",
                2,
                true,
                "json",
                null,
                "api",
                "4",
                null,
                new DeadLetterRow.Source("devlogs-raw", 2, 99)));
  }
}
