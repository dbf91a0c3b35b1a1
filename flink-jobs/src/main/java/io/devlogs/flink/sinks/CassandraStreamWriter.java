package io.devlogs.flink.sinks;

import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.LogEvent;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes events to Cassandra {@code stream_chunks} and never fails: every row is either
 * acknowledged by Cassandra or becomes a dead letter, and a row stays pending (see {@link
 * #pendingEvents}) until one of the two happened.
 *
 * <ul>
 *   <li><b>Chunks.</b> Rows are buffered grouped by chunk key (project, stream, day, slice, TTL)
 *       and each group is sent as chunks bounded by rows and bytes (Cassandra refuses a request
 *       above 4 MiB), one chunk per request, at most {@code maxInFlight} requests at a time.
 *   <li><b>Refused rows.</b> A chunk Cassandra refuses as invalid ({@link
 *       CassandraFailure#REFUSED}) is split into chunks of a single row; a single row it refuses
 *       becomes a dead letter with Cassandra's error, and every other row commits.
 *   <li><b>Outages.</b> While Cassandra cannot take writes ({@link CassandraFailure#UNAVAILABLE}),
 *       the writer sends nothing but one probe request at a time, with a backoff up to {@code
 *       maxBackoff}, each probe another pending request; the first acknowledged probe ends the
 *       outage and everything pending is sent. The outage is logged once when it is confirmed (a
 *       second failure) and once when it ends.
 *   <li><b>Uncertain failures</b> ({@link CassandraFailure#UNCERTAIN}: timeouts, server errors)
 *       look like an outage and are retried like one, but a single row that failed {@code
 *       maxUncertainAttempts} times, each after Cassandra acknowledged other rows, becomes a dead
 *       letter: it is the row (for example one too heavy to write within Cassandra's timeout), not
 *       Cassandra.
 *   <li><b>Backpressure.</b> {@link #add} blocks while {@code maxPendingRows} rows or {@code
 *       maxPendingBytes} bytes are pending.
 * </ul>
 *
 * <p>Requests are sent and their outcomes handled on one thread of the writer's own, so the
 * driver's I/O threads never wait for the writer's lock and the caller of {@link #add} never waits
 * for the driver (connecting included).
 */
final class CassandraStreamWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CassandraStreamWriter.class);

  /** The stage named in dead letters. */
  static final String STAGE = "cassandra";

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final int MAX_REASON_CHARS = 1000;

  /** Where rows go: each call is one request, the rows of one chunk key as one chunk. */
  interface RowStore extends AutoCloseable {
    /**
     * Sends the rows as one request; the future fails with the driver's exception when Cassandra
     * refuses or cannot take the write.
     */
    CompletableFuture<Void> write(List<CassandraStreamRow> rows);

    @Override
    void close();
  }

  /** The row of an event (production: {@link CassandraStreamRow#of}; tests make poison rows). */
  @FunctionalInterface
  interface RowMapping extends Function<LogEvent, CassandraStreamRow>, Serializable {}

  /**
   * The limits of one writer.
   *
   * @param maxBufferedRows rows buffered (grouped by partition) before they are sent
   * @param maxBufferedBytes estimated bytes buffered before they are sent
   * @param maxRowsPerBatch rows per chunk (one request)
   * @param maxBatchBytes estimated bytes per chunk; a larger row is sent alone
   * @param maxInFlight requests sent and not yet answered
   * @param maxPendingRows rows not yet written or dead-lettered before {@link #add} blocks
   * @param maxPendingBytes estimated bytes of those rows before {@link #add} blocks
   * @param maxUncertainAttempts uncertain failures of one row, each after Cassandra wrote other
   *     rows, before it becomes a dead letter
   * @param maxBackoff longest pause between two probes during an outage
   */
  record Limits(
      int maxBufferedRows,
      long maxBufferedBytes,
      int maxRowsPerBatch,
      long maxBatchBytes,
      int maxInFlight,
      int maxPendingRows,
      long maxPendingBytes,
      int maxUncertainAttempts,
      Duration maxBackoff)
      implements Serializable {
    Limits {
      if (maxBufferedRows < 1
          || maxBufferedBytes < 1
          || maxRowsPerBatch < 1
          || maxBatchBytes < 1
          || maxInFlight < 1
          || maxPendingRows < 1
          || maxPendingBytes < 1
          || maxUncertainAttempts < 1) {
        throw new IllegalArgumentException("Cassandra writer limits must be >= 1, got " + this);
      }
      if (maxBackoff.compareTo(FIRST_BACKOFF) < 0) {
        throw new IllegalArgumentException(
            "Cassandra writer maxBackoff must be >= " + FIRST_BACKOFF + ", got " + maxBackoff);
      }
    }
  }

  /** A row not yet written or dead-lettered, with the event it came from. */
  private static final class Pending {
    final LogEvent event;
    final CassandraStreamRow row;
    final long bytes;
    int uncertainFailures;
    long writtenAtLastFailure;
    String refusal;

    Pending(LogEvent event, CassandraStreamRow row, long bytes) {
      this.event = event;
      this.row = row;
      this.bytes = bytes;
    }
  }

  private final RowStore store;
  private final RowMapping mapping;
  private final Limits limits;
  private final ScheduledExecutorService thread;

  // Guarded by this.
  private final Set<Pending> pending = new LinkedHashSet<>();
  private final Map<CassandraStreamChunk.Key, List<Pending>> buffer = new LinkedHashMap<>();
  private final Deque<List<Pending>> ready = new ArrayDeque<>();
  private final List<Pending> refused = new ArrayList<>();
  private long pendingBytes;
  private long refusedBytes;
  private int bufferedRows;
  private long bufferedBytes;
  private int inFlight;
  private long outageStartNanos = -1;
  private boolean outageLogged;
  private boolean probeScheduled;
  private int probes;

  // Written under this, read by the metrics thread.
  private volatile long requests;
  private volatile long rowsWritten;
  private volatile long deadLetters;
  private volatile long retries;
  private volatile int pendingRows;

  /**
   * @param store where the rows go; closed with the writer
   * @param mapping the row of an event
   * @param name names the writer's thread
   */
  CassandraStreamWriter(RowStore store, RowMapping mapping, Limits limits, String name) {
    this.store = store;
    this.mapping = mapping;
    this.limits = limits;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Buffers the event's row, sending what is buffered when the buffer is full; blocks while too
   * many rows are pending (backpressure). An event whose row cannot be made becomes a dead letter.
   */
  void add(LogEvent event) throws InterruptedException {
    CassandraStreamRow row;
    try {
      row = mapping.apply(event);
    } catch (RuntimeException e) {
      synchronized (this) {
        Pending p = track(new Pending(event, null, 0));
        refuse(p, "no Cassandra row for the event: " + describe(e));
      }
      return;
    }
    Pending p = new Pending(event, row, estimatedBytes(row));
    synchronized (this) {
      while (full()) {
        sendBuffered();
        wait(1000);
      }
      buffer(track(p));
      if (bufferedRows >= limits.maxBufferedRows() || bufferedBytes >= limits.maxBufferedBytes()) {
        sendBuffered();
      }
    }
  }

  private void buffer(Pending p) {
    buffer.computeIfAbsent(CassandraStreamChunk.Key.of(p.row), k -> new ArrayList<>(4)).add(p);
    bufferedRows++;
    bufferedBytes += p.bytes;
  }

  /**
   * Takes the events of a restored checkpoint's pending rows and sends them at once, before any new
   * event (never blocks: they were pending together before).
   */
  synchronized void restore(List<LogEvent> events) {
    for (LogEvent event : events) {
      CassandraStreamRow row;
      try {
        row = mapping.apply(event);
      } catch (RuntimeException e) {
        refuse(
            track(new Pending(event, null, 0)), "no Cassandra row for the event: " + describe(e));
        continue;
      }
      buffer(track(new Pending(event, row, estimatedBytes(row))));
    }
    sendBuffered();
  }

  /**
   * Sends what is buffered and waits until every request has an outcome: acknowledged, or refused
   * (its rows are dead letters, see {@link #takeDeadLetters}).
   *
   * @param untilOutage stop waiting as soon as Cassandra is found unavailable (what is not written
   *     stays pending)
   * @return whether every request has its outcome (false: timed out, or an outage)
   */
  synchronized boolean flush(Duration timeout, boolean untilOutage) throws InterruptedException {
    sendBuffered();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready.isEmpty() || inFlight > 0) {
      long left = deadline - System.nanoTime();
      if ((untilOutage && outageStartNanos >= 0) || left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** The dead letters decided since the last call; their rows are no longer pending. */
  synchronized List<DeadLetter> takeDeadLetters() {
    if (refused.isEmpty()) {
      return List.of();
    }
    List<DeadLetter> letters = new ArrayList<>(refused.size());
    for (Pending p : refused) {
      untrack(p);
      letters.add(
          DeadLetter.ofEvent(p.event, STAGE, DeadLetterCause.REFUSED_BY_CASSANDRA, p.refusal));
    }
    deadLetters += letters.size();
    refused.clear();
    refusedBytes = 0;
    notifyAll();
    return letters;
  }

  /**
   * The events of every row not yet acknowledged and whose dead letter was not taken, oldest first:
   * what a checkpoint must hold so that nothing is lost.
   */
  synchronized List<LogEvent> pendingEvents() {
    List<LogEvent> events = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      events.add(p.event);
    }
    return events;
  }

  int pendingRows() {
    return pendingRows;
  }

  long requests() {
    return requests;
  }

  long rowsWritten() {
    return rowsWritten;
  }

  long deadLetters() {
    return deadLetters;
  }

  /** Requests sent again after Cassandra could not take them. */
  long retries() {
    return retries;
  }

  synchronized boolean inOutage() {
    return outageStartNanos >= 0;
  }

  private Pending track(Pending p) {
    pending.add(p);
    pendingBytes += p.bytes;
    pendingRows = pending.size();
    return p;
  }

  private void untrack(Pending p) {
    if (pending.remove(p)) {
      pendingBytes -= p.bytes;
      pendingRows = pending.size();
    }
  }

  /** Turns the buffer into requests (chunks bounded by rows and bytes) and sends what it may. */
  private void sendBuffered() {
    for (List<Pending> rows : buffer.values()) {
      List<Pending> batch = new ArrayList<>();
      long batchBytes = 0;
      for (Pending p : rows) {
        if (!batch.isEmpty()
            && (batch.size() >= limits.maxRowsPerBatch()
                || batchBytes + p.bytes > limits.maxBatchBytes())) {
          ready.addLast(batch);
          batch = new ArrayList<>();
          batchBytes = 0;
        }
        batch.add(p);
        batchBytes += p.bytes;
      }
      ready.addLast(batch);
    }
    buffer.clear();
    bufferedRows = 0;
    bufferedBytes = 0;
    dispatch();
  }

  private void dispatch() {
    if (outageStartNanos >= 0) {
      if (inFlight == 0 && !ready.isEmpty()) {
        scheduleProbe();
      }
      return;
    }
    while (inFlight < limits.maxInFlight() && !ready.isEmpty()) {
      send(ready.pollFirst());
    }
  }

  private void send(List<Pending> request) {
    inFlight++;
    requests++;
    List<CassandraStreamRow> rows = new ArrayList<>(request.size());
    for (Pending p : request) {
      rows.add(p.row);
    }
    thread.execute(
        () -> {
          CompletableFuture<Void> result;
          try {
            result = store.write(rows);
          } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
          }
          result.whenCompleteAsync((ok, failure) -> completed(request, failure), thread);
        });
  }

  private synchronized void completed(List<Pending> request, Throwable failure) {
    inFlight--;
    if (failure == null) {
      for (Pending p : request) {
        untrack(p);
      }
      rowsWritten += request.size();
      endOutage();
    } else {
      switch (CassandraFailure.of(failure)) {
        case REFUSED -> {
          endOutage(); // Cassandra answered
          if (request.size() > 1) {
            isolate(request);
          } else {
            refuse(request.get(0), "Cassandra refused the row: " + describe(failure));
          }
        }
        case UNCERTAIN -> {
          if (request.size() > 1) {
            isolate(request);
          } else if (givesUp(request.get(0))) {
            refuse(
                request.get(0),
                "Cassandra failed to write the row "
                    + request.get(0).uncertainFailures
                    + " times while it wrote other rows: "
                    + describe(failure));
          } else {
            retryLater(request, failure);
          }
        }
        case UNAVAILABLE -> retryLater(request, failure);
      }
    }
    dispatch();
    notifyAll();
  }

  /** Splits a failed chunk into single rows, sent next (a chunk is refused as a whole). */
  private void isolate(List<Pending> batch) {
    for (int i = batch.size() - 1; i >= 0; i--) {
      ready.addFirst(List.of(batch.get(i)));
    }
  }

  /**
   * Counts an uncertain failure of the row: its first, and each later one after Cassandra wrote
   * other rows since the previous (failures during an outage count once).
   */
  private boolean givesUp(Pending p) {
    if (p.uncertainFailures == 0 || rowsWritten > p.writtenAtLastFailure) {
      p.uncertainFailures++;
    }
    p.writtenAtLastFailure = rowsWritten;
    return p.uncertainFailures >= limits.maxUncertainAttempts();
  }

  private void refuse(Pending p, String reason) {
    p.refusal = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason;
    refused.add(p);
    refusedBytes += p.bytes;
  }

  /** Whether {@link #add} must wait (rows whose dead letter awaits the caller do not count). */
  private boolean full() {
    return pending.size() - refused.size() >= limits.maxPendingRows()
        || pendingBytes - refusedBytes >= limits.maxPendingBytes();
  }

  /**
   * Queues the request behind the others, so the next probe tries another one. The outage is logged
   * at its second failure: a single row that times out (and the next probe succeeds) is no outage.
   */
  private void retryLater(List<Pending> request, Throwable failure) {
    retries++;
    ready.addLast(request);
    if (outageStartNanos < 0) {
      outageStartNanos = System.nanoTime();
      probes = 0;
    } else if (!outageLogged) {
      outageLogged = true;
      LOG.warn(
          "Cassandra stream_chunks cannot take writes ({}); {} rows pending, kept in checkpoints"
              + " and sent again once a probe write succeeds",
          describe(failure),
          pending.size());
    }
  }

  private void endOutage() {
    if (outageStartNanos >= 0 && outageLogged) {
      LOG.info(
          "Cassandra stream_chunks takes writes again after {} ms; sending {} pending rows",
          (System.nanoTime() - outageStartNanos) / 1_000_000,
          pending.size());
    }
    outageStartNanos = -1;
    outageLogged = false;
  }

  private void scheduleProbe() {
    if (probeScheduled) {
      return;
    }
    probeScheduled = true;
    long delay =
        Math.min(limits.maxBackoff().toMillis(), FIRST_BACKOFF.toMillis() << Math.min(probes, 10));
    probes++;
    thread.schedule(this::probe, delay, TimeUnit.MILLISECONDS);
  }

  private synchronized void probe() {
    probeScheduled = false;
    if (outageStartNanos >= 0 && inFlight == 0 && !ready.isEmpty()) {
      send(ready.pollFirst());
    } else {
      dispatch();
    }
  }

  /** Bytes of the row's values, as UTF-8, plus fixed-size columns: what its request weighs. */
  static long estimatedBytes(CassandraStreamRow row) {
    long bytes = 64;
    bytes += utf8Length(row.project()) + utf8Length(row.stream()) + utf8Length(row.eventId());
    bytes += utf8Length(row.level()) + utf8Length(row.service()) + utf8Length(row.message());
    for (Map.Entry<String, String> a : row.attributes().entrySet()) {
      bytes += 8 + utf8Length(a.getKey()) + utf8Length(a.getValue());
    }
    return bytes;
  }

  private static long utf8Length(String s) {
    long n = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x800) {
        n += Character.isSurrogate(c) ? 1 : 2; // a pair is 4 bytes for 2 chars
      } else if (c >= 0x80) {
        n += 1;
      }
    }
    return n;
  }

  private static String describe(Throwable failure) {
    Throwable t = CassandraFailure.unwrap(failure);
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  @Override
  public void close() {
    thread.shutdownNow();
    store.close();
  }
}
