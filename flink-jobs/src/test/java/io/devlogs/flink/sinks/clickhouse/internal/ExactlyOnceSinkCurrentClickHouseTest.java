package io.devlogs.flink.sinks.clickhouse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.PoisonedRows;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogWindow;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.flink.sinks.ClickHouseDeadLetterFormat;
import io.devlogs.flink.sinks.ClickHouseEventFormat;
import io.devlogs.flink.sinks.ClickHouseWindowFormat;
import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import io.devlogs.flink.sinks.clickhouse.CurrentClickHouseHttp;
import io.devlogs.schema.ClickHouseDdl;
import io.devlogs.testing.CurrentClickHouse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exactly-once sink's statements, as its writer and committer build them, on a current
 * ClickHouse: staging inserts (JSONEachRow), commit markers, the copy into the target (whole and
 * only the missing rows), marker reads, staged and target counts, the staging clean-up and the
 * retention sweep, for each of the three targets. The 18.16 side is ExactlyOnceClickHouseSinkIT.
 */
class ExactlyOnceSinkCurrentClickHouseTest {

  @RegisterExtension static final CurrentClickHouse clickhouse = new CurrentClickHouse();

  private static final ClickHouseEndpoint ENDPOINT =
      new ClickHouseEndpoint(URI.create("http://current-clickhouse.invalid/"), "devlogs", "", "");
  private static final Instant DAY_ONE = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant DAY_TWO = Instant.parse("2024-05-02T10:00:00Z");

  private static CurrentClickHouseHttp http;

  @BeforeAll
  static void createTables() throws Exception {
    ClickHouseDdl.apply(Path.of("..", "schema", "ddl", "clickhouse"), clickhouse::execute);
    http = new CurrentClickHouseHttp(clickhouse, "devlogs");
  }

  @Test
  void eventsAreCommittedOnceHoweverOftenTheirBatchesAreCommitted() throws Exception {
    List<LogEvent> events =
        List.of(
            event("p_events", "e1", DAY_ONE, "first"),
            event("p_events", "e2", DAY_ONE, "quote ' backslash \\ tab \t é 😀"),
            event("p_events", "e3", DAY_TWO, "next day"));
    List<StagedBatch> batches = stage(new ClickHouseEventFormat(), "events_staging", events);
    assertThat(batches.get(0).rowsByPartition()).hasSize(2);

    StagedBatchCommitter first = committer(new ClickHouseEventFormat(), "events", 1);
    first.stagedHere(batches);
    first.commit(batches);
    // A restarted job commits the same batches again: markers say done, nothing is copied.
    committer(new ClickHouseEventFormat(), "events", 1).commit(batches);

    assertThat(
            answer(
                "SELECT count(), uniqExact(event_id) FROM devlogs.events WHERE project = 'p_events'"))
        .isEqualTo("3\t3");
    assertThat(answer("SELECT message FROM devlogs.events WHERE event_id = 'e2'"))
        .isEqualTo("quote \\' backslash \\\\ tab \\t é 😀");
    assertThat(
            answer(
                "SELECT state, count() FROM devlogs.sink_commits WHERE batch_id = '"
                    + batches.get(0).batchId()
                    + "' GROUP BY state ORDER BY state"))
        .isEqualTo("intent\t2\ndone\t2");
  }

  @Test
  void windowsAreCommittedOnce() throws Exception {
    List<LogWindow> windows =
        List.of(window("p_windows", DAY_ONE, 1), window("p_windows", DAY_ONE, 2));
    List<StagedBatch> batches =
        stage(new ClickHouseWindowFormat(), "event_windows_staging", windows);
    StagedBatchCommitter committer = committer(new ClickHouseWindowFormat(), "event_windows", 1);
    committer.stagedHere(batches);
    committer.commit(batches);
    committer(new ClickHouseWindowFormat(), "event_windows", 1).commit(batches);

    // Two versions of one window in one copy: 18.16 keeps both rows until a merge, current
    // releases collapse them on insert (optimize_on_insert); readers see the newest either way.
    assertThat(
            answer(
                "SELECT count(), version, events, latency_bucket_ids FROM devlogs.event_windows"
                    + " FINAL WHERE project = 'p_windows' GROUP BY version, events,"
                    + " latency_bucket_ids"))
        .isEqualTo("1\t2\t7\t[1,530]");
  }

  @Test
  void deadLettersAreCommittedOnce() throws Exception {
    List<DeadLetter> letters =
        List.of(
            new DeadLetter(raw("p_dead", "{not json", 41), "invalid JSON"),
            new DeadLetter(raw("p_dead", "\u0000\u0001 control", 42), "invalid JSON"));
    List<StagedBatch> batches =
        stage(new ClickHouseDeadLetterFormat(), "dead_letters_staging", letters);
    StagedBatchCommitter committer = committer(new ClickHouseDeadLetterFormat(), "dead_letters", 1);
    committer.stagedHere(batches);
    committer.commit(batches);
    committer(new ClickHouseDeadLetterFormat(), "dead_letters", 1).commit(batches);

    assertThat(
            answer(
                "SELECT count(), uniqExact(dead_letter_id), min(source_offset)"
                    + " FROM devlogs.dead_letters WHERE project = 'p_dead'"))
        .isEqualTo("2\t2\t41");
  }

  @Test
  void anInterruptedCommitCopiesWhatIsMissing() throws Exception {
    ClickHouseEventFormat format = new ClickHouseEventFormat();
    List<StagedBatch> halfCopied =
        stage(
            format,
            "events_staging",
            List.of(
                event("p_recover", "r1", DAY_ONE, "a"),
                event("p_recover", "r2", DAY_ONE, "b"),
                event("p_recover", "r3", DAY_ONE, "c")));
    List<StagedBatch> notCopied =
        stage(format, "events_staging", List.of(event("p_recover", "r4", DAY_ONE, "d")));
    // Both attempts wrote 'intent' and stopped; the first copied one of its rows.
    intent(halfCopied.get(0));
    intent(notCopied.get(0));
    String columns = String.join(", ", format.columns());
    clickhouse.execute(
        "INSERT INTO devlogs.events ("
            + columns
            + ", sink_batch) SELECT "
            + columns
            + ", batch_id FROM devlogs.events_staging WHERE batch_id = '"
            + halfCopied.get(0).batchId()
            + "' AND event_id = 'r1'");

    List<StagedBatch> both = new ArrayList<>(halfCopied);
    both.addAll(notCopied);
    committer(format, "events", 1).commit(both);

    assertThat(
            answer(
                "SELECT count(), uniqExact(event_id) FROM devlogs.events"
                    + " WHERE project = 'p_recover'"))
        .isEqualTo("4\t4");
    assertThat(http.sent())
        .anyMatch(sql -> sql.contains(" NOT IN (SELECT project, ts, ts_nanos, event_id FROM"))
        .anyMatch(sql -> sql.startsWith("SELECT count() FROM system.processes WHERE query_id"))
        .anyMatch(sql -> sql.startsWith("SELECT batch_id, toInt64("));
  }

  @Test
  void aRowClickHouseRefusesIsIsolatedAndTheOthersAreStaged() throws Exception {
    StagingWriter<LogEvent> writer =
        new StagingWriter<>(new UnreadableTime(), http, "devlogs.events_staging", 0, 1000, 1 << 20);
    for (int i = 0; i < 5; i++) {
      writer.write(event("p_poison", "x" + i, DAY_ONE, (i == 3 ? MARK : "") + "message " + i));
    }
    StagingWriter.Outcome outcome = writer.stage();

    assertThat(outcome.pending()).as("the refusal's code is a row error").isFalse();
    assertThat(outcome.refused())
        .singleElement()
        .satisfies(r -> assertThat(r.fields()).contains("\"x3\""));
    assertThat(outcome.staged().stream().mapToLong(StagedBatch::rows).sum()).isEqualTo(4);
  }

  /**
   * Current releases skip a field the table has no column for ({@code
   * input_format_skip_unknown_fields} is on by default), where 18.16 refuses the row: {@link
   * PoisonedRows} poisons only on 18.16. A time that is not one is refused by both.
   */
  @Test
  void anUnknownFieldIsNotARefusalOnCurrentReleases() throws Exception {
    StagingWriter<LogEvent> writer =
        new StagingWriter<>(new PoisonedRows(), http, "devlogs.events_staging", 0, 1000, 1 << 20);
    writer.write(event("p_unknown_field", "u1", DAY_ONE, PoisonedRows.MARK + "message"));
    StagingWriter.Outcome outcome = writer.stage();
    assertThat(outcome.refused()).isEmpty();
    assertThat(outcome.staged()).hasSize(1);
  }

  private static final String MARK = "UNREADABLE ";

  /** The events' rows, but an event marked {@link #MARK} has a time ClickHouse cannot read. */
  private static final class UnreadableTime implements ClickHouseRowFormat<LogEvent> {
    private static final long serialVersionUID = 1L;
    private final ClickHouseEventFormat events = new ClickHouseEventFormat();

    @Override
    public List<String> columns() {
      return events.columns();
    }

    @Override
    public String partitionExpression() {
      return events.partitionExpression();
    }

    @Override
    public long partitionOf(LogEvent event) {
      return events.partitionOf(event);
    }

    @Override
    public void writeFields(LogEvent event, com.fasterxml.jackson.core.JsonGenerator json)
        throws java.io.IOException {
      if (event.message().startsWith(MARK)) {
        json.writeStringField("project", event.projectId());
        json.writeStringField("event_id", event.eventId());
        json.writeStringField("ts", "not a time");
      } else {
        events.writeFields(event, json);
      }
    }
  }

  @Test
  void expiredPartitionsAndOldStagingDaysAreDropped() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    clickhouse.execute("CREATE TABLE devlogs.events_sweep AS devlogs.events");
    sweepRow(7, today.minusDays(30));
    sweepRow(30, today.minusDays(3));
    assertThat(
            new RetentionSweeper(http, new ClickHouseEventFormat(), "devlogs.events_sweep")
                .sweep(today))
        .containsExactly(
            7 * ClickHouseEventFormat.RETENTION_FACTOR + yyyymmdd(today.minusDays(30)));
    assertThat(answer("SELECT count() FROM devlogs.events_sweep")).isEqualTo("1");

    clickhouse.execute(
        "INSERT INTO devlogs.events_staging (batch_id, staged_at, project, ts, event_id, level)"
            + " VALUES ('old', '"
            + today.minusDays(10)
            + " 00:00:00', 'p_old', '2024-05-01 00:00:00', 'o', 'INFO')");
    List<StagedBatch> batches =
        stage(
            new ClickHouseEventFormat(),
            "events_staging",
            List.of(event("p_clean", "c", DAY_ONE, "c")));
    StagedBatchCommitter subtaskZero = committer(new ClickHouseEventFormat(), "events", 0);
    subtaskZero.stagedHere(batches);
    subtaskZero.commit(batches);

    assertThat(answer("SELECT count() FROM devlogs.events_staging WHERE batch_id = 'old'"))
        .isEqualTo("0");
    assertThat(answer("SELECT count() FROM devlogs.events WHERE project = 'p_clean'"))
        .isEqualTo("1");
  }

  private static <T> List<StagedBatch> stage(
      ClickHouseRowFormat<T> format, String staging, List<T> records) throws Exception {
    StagingWriter<T> writer =
        new StagingWriter<>(format, http, "devlogs." + staging, 0, 1000, 1 << 20);
    for (T record : records) {
      writer.write(record);
    }
    StagingWriter.Outcome outcome = writer.stage();
    assertThat(outcome.refused()).isEmpty();
    assertThat(outcome.pending()).isFalse();
    return outcome.staged();
  }

  private static StagedBatchCommitter committer(
      ClickHouseRowFormat<?> format, String target, int subtask) {
    return new StagedBatchCommitter(
        http,
        format,
        ENDPOINT,
        target,
        target + "_staging",
        "sink_commits",
        subtask,
        2,
        Duration.ZERO);
  }

  private static void intent(StagedBatch batch) {
    batch
        .rowsByPartition()
        .forEach(
            (part, rows) ->
                clickhouse.execute(
                    "INSERT INTO devlogs.sink_commits (target, batch_id, part_key, state, rows, at)"
                        + " VALUES ('devlogs.events', '"
                        + batch.batchId()
                        + "', "
                        + part
                        + ", 'intent', "
                        + rows
                        + ", now())"));
  }

  private static void sweepRow(int retentionDays, LocalDate day) {
    clickhouse.execute(
        "INSERT INTO devlogs.events_sweep (project, ts, event_id, level, retention_days)"
            + " VALUES ('p_sweep', '"
            + day
            + " 12:00:00', 'e', 'INFO', "
            + retentionDays
            + ")");
  }

  private static long yyyymmdd(LocalDate day) {
    return day.getYear() * 10_000L + day.getMonthValue() * 100L + day.getDayOfMonth();
  }

  private static String answer(String sql) {
    return clickhouse.execute(sql).strip();
  }

  private static LogEvent event(String project, String id, Instant at, String message) {
    return new LogEvent(
        project,
        id,
        LogEvent.toEpochNanos(at.plusNanos(123_456_789)),
        Level.WARN,
        "api",
        "run-1",
        message,
        Map.of("http.status", "503", "region", "eu"),
        at.plusSeconds(1).toEpochMilli(),
        120,
        30);
  }

  private static LogWindow window(String project, Instant minute, long version) {
    return new LogWindow(
        project,
        "api",
        Level.ERROR,
        minute.toEpochMilli(),
        7,
        700,
        7,
        2,
        0.5,
        0.1,
        0.4,
        0.1,
        0.4,
        0.4,
        new int[] {1, 530},
        new long[] {1, 1},
        version);
  }

  private static RawLogRecord raw(String project, String value, long offset) {
    return new RawLogRecord(
        project,
        value.getBytes(StandardCharsets.UTF_8),
        project,
        Long.toString(DAY_ONE.toEpochMilli()),
        "json",
        "run-7",
        null,
        "devlogs-raw",
        1,
        offset,
        DAY_ONE.toEpochMilli() + 5);
  }
}
