package io.devlogs.flink.sinks.clickhouse.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.flink.PoisonedRows;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.sinks.ClickHouseEventFormat;
import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.flink.sinks.clickhouse.FailureInjection;
import io.devlogs.flink.sinks.clickhouse.FailureInjection.Point;
import io.devlogs.flink.sinks.clickhouse.RefusedRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The writer and committer of {@link ExactlyOnceClickHouseSink} driven directly against the real
 * local ClickHouse ({@code DEVLOGS_CLICKHOUSE_URL}, default the local stack): every commit path,
 * replays and interrupted attempts end with each row in {@code devlogs.events} once, read without
 * {@code FINAL}.
 */
class ExactlyOnceClickHouseSinkIT {

  static final String NASTY =
      "quote \" apostrophe ' backslash \\ newline \n tab \t cr \r ctl \u0001 é 日本 😀 end";

  private final ClickHouseEventFormat format = new ClickHouseEventFormat();
  private ClickHouseEndpoint endpoint;
  private ClickHouseHttp http;
  private String project;
  private String key;

  @BeforeEach
  void setUp() {
    endpoint = io.devlogs.flink.TestOptions.options().clickhouse().endpoint();
    project = "p_sinkit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    key = "sink-it-" + project;
    // The writer and committer fail where a test arms them.
    http = FailureInjection.clients(key).open(endpoint, Duration.ofMinutes(2));
  }

  @AfterEach
  void tearDown() {
    FailureInjection.disarm(key);
  }

  private List<LogEvent> events(int n, String dayPrefix) {
    List<LogEvent> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      // two days, so a batch has two target partitions
      String day = i % 2 == 0 ? dayPrefix + "01" : dayPrefix + "02";
      events.add(
          new LogEvent(
              project,
              "e-" + i,
              LogEvent.toEpochNanos(Instant.parse(day + "T10:00:00Z").plusNanos(i * 1000L)),
              Level.INFO,
              "svc",
              "it",
              i % 100 == 0 ? NASTY + i : "message " + i,
              i % 100 == 0 ? Map.of("k\"\t" + i, NASTY) : Map.of("i", Integer.toString(i)),
              1714557600000L));
    }
    return events;
  }

  private StagingWriter<LogEvent> writer(int maxRowsPerChunk) throws Exception {
    return new StagingWriter<>(
        format, http, endpoint.qualify("events_staging"), 0, maxRowsPerChunk, 32 << 20);
  }

  private StagedBatchCommitter committer() {
    return new StagedBatchCommitter(
        http, format, endpoint, "events", "events_staging", "sink_commits", 1, 0, Duration.ZERO);
  }

  private Collection<StagedBatch> stage(List<LogEvent> events, int maxRowsPerChunk)
      throws Exception {
    StagingWriter<LogEvent> w = writer(maxRowsPerChunk);
    for (LogEvent e : events) {
      w.write(e);
    }
    // ClickHouse may not take a large chunk at once on a loaded machine; the sink operator then
    // keeps the rows and stages them again later, and so does this test, three times at most.
    List<StagedBatch> staged = new ArrayList<>();
    StagingWriter.Outcome outcome = w.stage();
    for (int retry = 0; outcome.pending() && retry < 2; retry++) {
      staged.addAll(outcome.staged());
      assertThat(outcome.refused()).isEmpty();
      outcome = w.stage();
    }
    w.close();
    assertThat(outcome.refused()).isEmpty();
    assertThat(outcome.pending()).as("ClickHouse unavailable: %s", outcome.unavailable()).isFalse();
    staged.addAll(outcome.staged());
    return staged;
  }

  @Test
  void commitCopiesEachRowOnceAndAReplayedCommitChangesNothing() throws Exception {
    List<LogEvent> events = events(2_000, "2024-06-");
    Collection<StagedBatch> batches = stage(events, 700);
    assertThat(batches).hasSize(3); // 700 + 700 + 600
    assertThat(count("events")).isZero(); // nothing visible before the commit

    assertThat(committer().commit(batches)).as("batches to retry").isEmpty();
    assertThat(count("events")).isEqualTo(2_000);
    assertThat(distinctIds()).isEqualTo(2_000);

    assertThat(committer().commit(batches)).isEmpty(); // replay after a restore
    assertThat(count("events")).isEqualTo(2_000);
    assertThat(messagesWithNastyText())
        .hasSize(20)
        .allSatisfy(m -> assertThat(m).startsWith(NASTY));
  }

  @Test
  void rowsClickHouseRefusesAreIsolatedAndEveryOtherRowIsStaged() throws Exception {
    List<LogEvent> events = new ArrayList<>();
    for (LogEvent e : events(1_000, "2024-06-")) {
      boolean poison = e.eventId().endsWith("7") && e.eventId().length() == 4; // e-X7: 9 rows
      events.add(
          poison
              ? e.enriched(PoisonedRows.MARK + e.message(), e.attributes(), e.retentionDays())
              : e);
    }
    StagingWriter<LogEvent> w =
        new StagingWriter<>(
            new PoisonedRows(), http, endpoint.qualify("events_staging"), 0, 400, 32 << 20);
    for (LogEvent e : events) {
      w.write(e);
    }
    StagingWriter.Outcome outcome = w.stage();
    w.close();

    assertThat(outcome.pending()).isFalse();
    assertThat(outcome.refused())
        .extracting(r -> RefusedRows.tree("{" + r.fields() + "}").path("event_id").asText())
        .containsExactlyInAnyOrder(
            "e-17", "e-27", "e-37", "e-47", "e-57", "e-67", "e-77", "e-87", "e-97");
    assertThat(outcome.refused()).allSatisfy(r -> assertThat(r.error()).contains("Code: 117"));
    assertThat(outcome.staged().stream().mapToLong(StagedBatch::rows).sum()).isEqualTo(991);
    assertThat(committer().commit(outcome.staged())).isEmpty();
    assertThat(count("events")).isEqualTo(991);
    assertThat(new PoisonedRows().deadLetter(outcome.refused().get(0).fields(), "refused").cause())
        .isEqualTo(DeadLetterCause.REFUSED_BY_CLICKHOUSE);
  }

  @Test
  void failureAfterIntentThenRetryCopiesOnce() throws Exception {
    interruptedThenRetried(Point.COMMIT_AFTER_INTENT);
  }

  @Test
  void failureAfterCopyBeforeDoneThenRetryDoesNotCopyAgain() throws Exception {
    interruptedThenRetried(Point.COMMIT_AFTER_INSERT);
  }

  @Test
  void failureBeforeTheCommitThenRetryCopiesOnce() throws Exception {
    interruptedThenRetried(Point.COMMIT_START);
  }

  private void interruptedThenRetried(Point point) throws Exception {
    Collection<StagedBatch> batches = stage(events(1_000, "2024-06-"), 10_000);
    FailureInjection.arm(key, point, 0);
    assertThatThrownBy(() -> committer().commit(batches))
        .isInstanceOf(FailureInjection.InjectedFailure.class);
    committer().commit(batches);
    committer().commit(batches);
    assertThat(count("events")).isEqualTo(1_000);
    assertThat(distinctIds()).isEqualTo(1_000);
  }

  @Test
  void aFirstCommitOfBatchesStagedHereCopiesEachRowOnceAndStillWritesItsMarkers() throws Exception {
    Collection<StagedBatch> batches = stage(events(1_000, "2024-06-"), 400);
    StagedBatchCommitter committer = committer();
    committer.stagedHere(batches);

    assertThat(committer.commit(batches)).isEmpty();
    assertThat(count("events")).isEqualTo(1_000);
    assertThat(committer.commit(batches)).as("a repeated commit").isEmpty();
    assertThat(committer().commit(batches)).as("a commit after a restore").isEmpty();
    assertThat(count("events")).isEqualTo(1_000);
    assertThat(distinctIds()).isEqualTo(1_000);
    long pairs = batches.stream().mapToLong(b -> b.rowsByPartition().size()).sum();
    assertThat(markers("done")).isEqualTo(pairs);
  }

  @Test
  void aFirstCommitInterruptedBeforeAnythingIsCompletedOnce() throws Exception {
    firstCommitInterruptedThenRetried(Point.COMMIT_START);
  }

  @Test
  void aFirstCommitInterruptedAfterIntentIsCompletedOnce() throws Exception {
    firstCommitInterruptedThenRetried(Point.COMMIT_AFTER_INTENT);
  }

  @Test
  void aFirstCommitInterruptedAfterTheCopyIsNotCopiedAgain() throws Exception {
    firstCommitInterruptedThenRetried(Point.COMMIT_AFTER_INSERT);
  }

  /** The same committer retries (an outage), then a restored one commits again. */
  private void firstCommitInterruptedThenRetried(Point point) throws Exception {
    Collection<StagedBatch> batches = stage(events(1_000, "2024-06-"), 10_000);
    StagedBatchCommitter committer = committer();
    committer.stagedHere(batches);
    FailureInjection.arm(key, point, 0);
    assertThatThrownBy(() -> committer.commit(batches))
        .isInstanceOf(FailureInjection.InjectedFailure.class);
    committer.commit(batches);
    committer().commit(batches);
    assertThat(count("events")).isEqualTo(1_000);
    assertThat(distinctIds()).isEqualTo(1_000);
  }

  @Test
  void anInterruptedCopyThatLeftPartOfTheRowsIsCompletedWithTheMissingOnes() throws Exception {
    List<StagedBatch> batches = List.copyOf(stage(events(1_000, "2024-06-"), 10_000));
    StagedBatch batch = batches.get(0);
    StagedBatchCommitter committer = committer();
    long june1 = format.partitionOf(events(1, "2024-06-").get(0)); // retention + day
    // Simulate what the sink never does by itself: an 'intent' marker and part of a copy.
    http.insert(
        "INSERT INTO "
            + endpoint.qualify("sink_commits")
            + " (target, batch_id, part_key, state, rows, at) FORMAT TabSeparated",
        (endpoint.qualify("events")
                + "\t"
                + batch.batchId()
                + "\t"
                + june1
                + "\tintent\t500\t"
                + "2024-06-01 00:00:00\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    http.execute(committer.copySql(batch.batchId(), june1, false) + " AND ts_nanos < 200000", null);
    assertThat(count("events")).isEqualTo(100);

    committer.commit(batches);
    assertThat(count("events")).isEqualTo(1_000);
    assertThat(distinctIds()).isEqualTo(1_000);
  }

  @Test
  void stagedRowsThatAreGoneFailLoudlyInsteadOfLosingDataSilently() throws Exception {
    StagedBatch ghost = new StagedBatch(new BatchIds(0).next(), Map.of(20240601L, 5L));
    assertThatThrownBy(() -> committer().commit(List.of(ghost)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds 0 rows");
  }

  @Test
  void throughput() throws Exception {
    int n = 200_000;
    String base = project;
    for (int round = 1; round <= 3; round++) { // round 1 warms the JIT up
      // A project per round: the same events again would be merged away by ReplacingMergeTree.
      project = base + "_" + round;
      List<LogEvent> events = events(n, "2024-07-");
      long t0 = System.nanoTime();
      Collection<StagedBatch> batches = stage(events, 100_000);
      long t1 = System.nanoTime();
      committer().commit(batches);
      long t2 = System.nanoTime();
      assertThat(count("events")).isEqualTo(n);
      System.out.printf(
          "ExactlyOnceClickHouseSink round %d: %d rows staged in %d ms (%.0f rows/s), committed"
              + " in %d ms; stage + commit %.0f rows/s%n",
          round,
          n,
          (t1 - t0) / 1_000_000,
          n / ((t1 - t0) / 1e9),
          (t2 - t1) / 1_000_000,
          n / ((t2 - t0) / 1e9));
    }
  }

  // ---- helpers ----

  /** Commit markers in {@code state} of this test's batches. */
  private long markers(String state) throws Exception {
    return http.selectLong(
        "SELECT count() FROM "
            + endpoint.qualify("sink_commits")
            + " WHERE state = '"
            + state
            + "' AND batch_id IN (SELECT sink_batch FROM "
            + endpoint.qualify("events")
            + " WHERE project = '"
            + project
            + "')");
  }

  private long count(String table) throws Exception {
    return http.selectLong(
        "SELECT count() FROM " + endpoint.qualify(table) + " WHERE project = '" + project + "'");
  }

  private long distinctIds() throws Exception {
    return http.selectLong(
        "SELECT uniqExact(event_id) FROM "
            + endpoint.qualify("events")
            + " WHERE project = '"
            + project
            + "'");
  }

  /** Read back through the JDBC driver, an independent reader of the escaping. */
  private List<String> messagesWithNastyText() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", endpoint.user());
    p.setProperty("password", endpoint.password());
    List<String> messages = new ArrayList<>();
    try (Connection c =
            new ru.yandex.clickhouse.ClickHouseDriver()
                .connect(
                    "jdbc:clickhouse://"
                        + endpoint.httpUri().getHost()
                        + ":"
                        + endpoint.httpUri().getPort()
                        + "/"
                        + endpoint.database()
                        + "?compress=false",
                    p);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT message, attr_keys, attr_values FROM events WHERE project = ?"
                    + " AND position(message, 'quote') = 1")) {
      ps.setString(1, project);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String message = rs.getString(1);
          String[] keys = (String[]) rs.getArray(2).getArray();
          String[] values = (String[]) rs.getArray(3).getArray();
          assertThat(keys[0]).isEqualTo("k\"\t" + message.substring(NASTY.length()));
          assertThat(values[0]).isEqualTo(NASTY);
          messages.add(message);
        }
      }
    }
    return messages;
  }
}
