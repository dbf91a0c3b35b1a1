package io.devlogs.flink.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.WriteType;
import com.datastax.driver.core.exceptions.InvalidQueryException;
import com.datastax.driver.core.exceptions.NoHostAvailableException;
import com.datastax.driver.core.exceptions.WriteTimeoutException;
import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CassandraStreamWriter} against a fake store that refuses, times out or is down on demand:
 * batching, isolation of refused rows, outages, backpressure and what stays pending.
 */
class CassandraStreamWriterTest {

  private static final Instant DAY = Instant.parse("2024-05-03T00:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final FakeStore store = new FakeStore();
  private CassandraStreamWriter writer;

  @AfterEach
  void close() {
    if (writer != null) {
      writer.close();
    }
  }

  @Test
  void batchesRowsPerPartitionBoundedByRowsAndBytes() throws Exception {
    // 3 streams x 10 events in batches of at most 3 rows = 4 requests per stream; the 5 events of
    // stream "big" weigh ~1 KiB each, so a 2.5 KiB batch holds 2 of them = 3 requests.
    writer = writer(limits(100, 3, 2_500, 100));
    for (int i = 0; i < 30; i++) {
      writer.add(event("s-" + (i % 3), "e-" + i, "m"));
    }
    for (int i = 0; i < 5; i++) {
      writer.add(event("big", "b-" + i, "x".repeat(1000)));
    }
    assertThat(writer.flush(WAIT, false)).isTrue();

    assertThat(writer.requests()).isEqualTo(15);
    assertThat(store.requests).allSatisfy(r -> assertThat(r.size()).isBetween(1, 3));
    assertThat(store.requests)
        .filteredOn(r -> r.get(0).startsWith("b-"))
        .extracting(List::size)
        .containsExactly(2, 2, 1);
    assertThat(store.written()).hasSize(35).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    assertThat(writer.rowsWritten()).isEqualTo(35);
    assertThat(writer.pendingEvents()).isEmpty();
  }

  @Test
  void aRefusedBatchIsRetriedRowByRowAndOnlyTheRefusedRowsBecomeDeadLetters() throws Exception {
    store.refuses = id -> id.startsWith("poison");
    writer = writer(limits(100, 16, 1 << 20, 100));
    for (int i = 0; i < 20; i++) {
      writer.add(event("s", (i == 3 || i == 11 ? "poison-" : "e-") + i, "m"));
    }
    assertThat(writer.flush(WAIT, false)).isTrue();

    // Batches of 16 and 4 rows: the first holds both poison rows and is refused as a whole, then
    // its 16 rows are sent one by one.
    assertThat(writer.requests()).isEqualTo(18);
    assertThat(store.written()).hasSize(18).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    assertThat(writer.pendingEvents())
        .as("refused rows stay pending until their dead letters are taken")
        .extracting(LogEvent::eventId)
        .containsExactly("poison-3", "poison-11");
    List<DeadLetter> letters = writer.takeDeadLetters();
    assertThat(letters)
        .extracting(d -> d.raw().streamHeader(), DeadLetter::cause)
        .containsOnly(
            org.assertj.core.groups.Tuple.tuple("s", DeadLetterCause.REFUSED_BY_CASSANDRA));
    assertThat(letters)
        .extracting(d -> new String(d.raw().value(), StandardCharsets.UTF_8))
        .anySatisfy(json -> assertThat(json).contains("\"id\":\"poison-3\""))
        .anySatisfy(json -> assertThat(json).contains("\"id\":\"poison-11\""));
    assertThat(letters)
        .extracting(DeadLetter::reason)
        .allSatisfy(
            r ->
                assertThat(r)
                    .isEqualTo(
                        "Cassandra refused the row: InvalidQueryException: refused by test"));
    assertThat(letters.get(0).raw().topic()).isEqualTo("cassandra");
    assertThat(writer.pendingEvents()).isEmpty();
    assertThat(writer.deadLetters()).isEqualTo(2);
    assertThat(writer.takeDeadLetters()).isEmpty();
  }

  @Test
  void anEventWithoutARowBecomesADeadLetter() throws Exception {
    writer =
        new CassandraStreamWriter(
            store,
            e -> {
              if (e.eventId().equals("bad")) {
                throw new ArithmeticException("integer overflow");
              }
              return CassandraStreamRow.of(e);
            },
            limits(100, 16, 1 << 20, 100),
            "test-writer");
    writer.add(event("s", "bad", "m"));
    writer.add(event("s", "good", "m"));
    assertThat(writer.flush(WAIT, false)).isTrue();

    assertThat(writer.takeDeadLetters())
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.reason())
                    .isEqualTo(
                        "no Cassandra row for the event: ArithmeticException: integer overflow"));
    assertThat(store.written()).containsOnlyKeys("good");
  }

  @Test
  void duringAnOutageRowsStayPendingAndOnlyOneProbeIsSentAtATime() throws Exception {
    store.down = true;
    writer = writer(limits(10, 4, 1 << 20, 1000));
    for (int i = 0; i < 50; i++) {
      writer.add(event("s-" + (i % 5), "e-" + i, "m"));
    }
    assertThat(writer.flush(WAIT, true)).as("flush returns when the outage is found").isFalse();
    assertThat(writer.inOutage()).isTrue();
    // Measured from here: before the writer has handled the first failure it may rightly still
    // send what it had ready.
    store.measureConcurrency = true;
    Poll.until(WAIT, writer::retries, n -> n >= 20, "probes retried while Cassandra is down");

    assertThat(store.maxConcurrentInOutage.get())
        .as("requests unanswered at once once the writer knows Cassandra is down")
        .isLessThanOrEqualTo(1);
    assertThat(writer.pendingEvents()).hasSize(50);
    assertThat(writer.takeDeadLetters()).isEmpty();
    assertThat(store.written()).isEmpty();

    store.down = false;
    assertThat(writer.flush(WAIT, false)).isTrue();
    assertThat(writer.inOutage()).isFalse();
    assertThat(writer.pendingEvents()).isEmpty();
    assertThat(store.written()).hasSize(50).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    assertThat(writer.takeDeadLetters()).isEmpty();
  }

  @Test
  void beyondThePendingBoundAddBlocksUntilCassandraTakesRows() throws Exception {
    store.down = true;
    writer = writer(limits(5, 4, 1 << 20, 10));
    for (int i = 0; i < 10; i++) {
      writer.add(event("s", "e-" + i, "m"));
    }
    Thread blocked =
        new Thread(
            () -> {
              try {
                writer.add(event("s", "e-10", "m"));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    blocked.start();
    Poll.until(
        WAIT,
        blocked::getState,
        s -> s == Thread.State.TIMED_WAITING || s == Thread.State.WAITING,
        "add blocked at the pending bound");
    assertThat(writer.pendingRows()).isEqualTo(10);

    store.down = false;
    blocked.join(WAIT.toMillis());
    assertThat(blocked.isAlive()).isFalse();
    assertThat(writer.flush(WAIT, false)).isTrue();
    assertThat(store.written()).hasSize(11);
  }

  @Test
  void aRowThatTimesOutWhileOthersAreWrittenBecomesADeadLetter() throws Exception {
    store.timesOut = id -> id.equals("heavy");
    writer = writer(limits(1, 1, 1 << 20, 100));
    writer.add(event("s", "heavy", "m"));
    int i = 0;
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<DeadLetter> letters = new ArrayList<>();
    while (letters.isEmpty() && System.nanoTime() < deadline) {
      writer.add(event("s", "e-" + i++, "m")); // other rows keep being written
      writer.flush(Duration.ofMillis(200), true);
      letters.addAll(writer.takeDeadLetters());
    }
    assertThat(letters)
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.reason())
                    .startsWith(
                        "Cassandra failed to write the row 5 times while it wrote other rows:"
                            + " WriteTimeoutException"));
    assertThat(store.written()).doesNotContainKey("heavy");
    assertThat(store.attempts("heavy")).isGreaterThanOrEqualTo(5);
  }

  @Test
  void whenEveryWriteTimesOutNoRowIsGivenUp() throws Exception {
    store.timesOut = id -> true;
    writer = writer(limits(10, 4, 1 << 20, 100));
    for (int i = 0; i < 10; i++) {
      writer.add(event("s", "e-" + i, "m"));
    }
    writer.flush(WAIT, true);
    Poll.until(WAIT, writer::retries, n -> n >= 30, "rows retried while every write times out");
    assertThat(writer.takeDeadLetters()).isEmpty();
    assertThat(writer.pendingEvents()).hasSize(10);

    store.timesOut = id -> false;
    assertThat(writer.flush(WAIT, false)).isTrue();
    assertThat(store.written()).hasSize(10);
    assertThat(writer.takeDeadLetters()).isEmpty();
  }

  @Test
  void restoredEventsAreSentBeforeNewOnes() throws Exception {
    writer = writer(limits(100, 16, 1 << 20, 100));
    writer.restore(List.of(event("s", "restored-1", "m"), event("s", "restored-2", "m")));
    writer.add(event("s", "new", "m"));
    assertThat(writer.flush(WAIT, false)).isTrue();
    assertThat(store.requests.get(0)).containsExactly("restored-1", "restored-2");
    assertThat(store.written()).containsOnlyKeys("restored-1", "restored-2", "new");
  }

  @Test
  void limitsBelowOneAreRejected() {
    assertThatThrownBy(() -> limits(10, 0, 100, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRowsPerBatch=0");
  }

  private CassandraStreamWriter writer(CassandraStreamWriter.Limits limits) {
    return new CassandraStreamWriter(store, CassandraStreamRow::of, limits, "test-writer");
  }

  private static CassandraStreamWriter.Limits limits(
      int bufferedRows, int rowsPerBatch, long batchBytes, int pendingRows) {
    return new CassandraStreamWriter.Limits(
        bufferedRows,
        1 << 30,
        rowsPerBatch,
        batchBytes,
        8,
        pendingRows,
        1 << 30,
        5,
        Duration.ofMillis(100));
  }

  private static LogEvent event(String stream, String id, String message) {
    return new LogEvent(
        "p_test",
        id,
        LogEvent.toEpochNanos(DAY.plusSeconds(1)),
        Level.INFO,
        "api",
        stream,
        message,
        Map.of(),
        DAY.plusSeconds(2).toEpochMilli(),
        100,
        7);
  }

  /**
   * A store that answers after a millisecond, on a thread of its own: refuses a request holding a
   * row {@link #refuses} matches (as Cassandra refuses a whole batch), times out one holding a row
   * {@link #timesOut} matches, and has no host while {@link #down}.
   */
  private static final class FakeStore implements CassandraStreamWriter.RowStore {
    volatile Predicate<String> refuses = id -> false;
    volatile Predicate<String> timesOut = id -> false;
    volatile boolean down;
    final List<List<String>> requests = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
    final AtomicInteger unanswered = new AtomicInteger();
    final AtomicInteger maxConcurrentInOutage = new AtomicInteger();
    volatile boolean measureConcurrency;
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();

    @Override
    public CompletableFuture<Void> write(List<CassandraStreamRow> rows) {
      List<String> ids = rows.stream().map(CassandraStreamRow::eventId).toList();
      requests.add(ids);
      ids.forEach(id -> tries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
      int concurrent = unanswered.incrementAndGet();
      if (measureConcurrency) {
        maxConcurrentInOutage.accumulateAndGet(concurrent, Math::max);
      }
      CompletableFuture<Void> answer = new CompletableFuture<>();
      answers.schedule(
          () -> {
            unanswered.decrementAndGet();
            if (down) {
              answer.completeExceptionally(new NoHostAvailableException(Map.of()));
            } else if (ids.stream().anyMatch(refuses)) {
              answer.completeExceptionally(new InvalidQueryException("refused by test"));
            } else if (ids.stream().anyMatch(timesOut)) {
              answer.completeExceptionally(
                  new WriteTimeoutException(ConsistencyLevel.LOCAL_ONE, WriteType.SIMPLE, 0, 1));
            } else {
              ids.forEach(
                  id -> writes.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
              answer.complete(null);
            }
          },
          1,
          TimeUnit.MILLISECONDS);
      return answer;
    }

    /** Times each row was written. */
    Map<String, Integer> written() {
      Map<String, Integer> counts = new java.util.HashMap<>();
      writes.forEach((id, n) -> counts.put(id, n.get()));
      return counts;
    }

    int attempts(String id) {
      return tries.getOrDefault(id, new AtomicInteger()).get();
    }

    @Override
    public void close() {
      answers.shutdownNow();
    }
  }
}
