package io.devlogs.ingest.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.deadletters.DeadLetterRow;
import io.devlogs.schema.ClickHouseDdl;
import io.devlogs.testing.CurrentClickHouse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The replay's dead-letter read ({@link ClickHouseDeadLetterStore#selectSql}) on a current
 * ClickHouse, its JSONEachRow answer read back as the store reads it.
 */
class ClickHouseDeadLetterStoreCurrentClickHouseTest {

  @RegisterExtension static final CurrentClickHouse clickhouse = new CurrentClickHouse();

  private static final Instant SINCE = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant UNTIL = Instant.parse("2024-05-01T11:00:00Z");

  @BeforeAll
  static void loadRows() throws Exception {
    ClickHouseDdl.apply(Path.of("..", "schema", "ddl", "clickhouse"), clickhouse::execute);
    clickhouse.execute(
        "INSERT INTO devlogs.dead_letters (project, received_at, received_ms, dead_letter_id,"
            + " cause, reason, value, value_bytes, value_truncated, format, stream, service,"
            + " record_index, idempotency_key, source_topic, source_partition, source_offset,"
            + " retention_days, sink_batch) VALUES"
            + " ('p_replay', '2024-05-01 10:05:00', 1714557900250, 'd1', 'unparseable', 'bad',"
            + " '{not json \\' \\\\', 12, 0, 'json', NULL, 'api', '3', 'key-1', 'devlogs-raw', 2,"
            + " 9007199254740993, 30, 'b'),"
            + " ('p_replay', '2024-05-01 10:06:00', 1714557960000, 'd2', 'too_late', 'late', 'x',"
            + " 1, 0, NULL, NULL, NULL, NULL, NULL, 'devlogs-raw', 0, 5, 30, 'b'),"
            + " ('p_other', '2024-05-01 10:05:00', 1714557900250, 'd1', 'unparseable', 'bad',"
            + " 'x', 1, 0, NULL, NULL, NULL, NULL, NULL, 'devlogs-raw', 0, 1, 30, 'b')");
  }

  @Test
  void selectsTheProjectsDeadLettersByCauseAndId() {
    List<DeadLetterRow> rows =
        read(new ReplaySelection(SINCE, UNTIL, List.of("unparseable", "x' OR 1=1"), List.of(), 10));
    assertThat(rows)
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.id()).isEqualTo("d1");
              assertThat(row.project()).isEqualTo("p_replay");
              assertThat(row.receivedMillis()).isEqualTo(1714557900250L);
              assertThat(row.value()).isEqualTo("{not json ' \\");
              assertThat(row.format()).isEqualTo("json");
              assertThat(row.stream()).isNull();
              assertThat(row.idempotencyKey()).isEqualTo("key-1");
              assertThat(row.source().offset()).isEqualTo(9007199254740993L);
            });
    assertThat(read(new ReplaySelection(SINCE, UNTIL, List.of(), List.of("d2", "d9"), 10)))
        .extracting(DeadLetterRow::id)
        .containsExactly("d2");
    assertThat(read(new ReplaySelection(SINCE, UNTIL, List.of(), List.of(), 10)))
        .extracting(DeadLetterRow::id)
        .containsExactly("d1", "d2");
  }

  private static List<DeadLetterRow> read(ReplaySelection selection) {
    return clickhouse
        .execute(ClickHouseDeadLetterStore.selectSql("p_replay", selection))
        .lines()
        .map(ClickHouseDeadLetterStore::toDeadLetter)
        .toList();
  }
}
