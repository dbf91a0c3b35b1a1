package io.devlogs.flink.sinks;

import com.datastax.driver.core.BatchStatement;
import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.LocalDate;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSetFuture;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.Statement;
import io.devlogs.flink.records.LogEvent;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * The writer of {@link CassandraStreamSink}: buffers rows grouped by their partition (project,
 * stream, day), sends each group as one unlogged batch (a single-partition batch is one mutation on
 * one replica), at most {@code maxInFlight} requests at a time, and at every checkpoint waits until
 * Cassandra acknowledged every write. The first failed write fails the next {@code write} or {@code
 * flush}, so a checkpoint never completes over a lost row.
 */
final class CassandraStreamWriter implements SinkWriter<LogEvent> {

  /** The limits of one writer. */
  record Limits(int maxBufferedRows, int maxRowsPerBatch, int maxInFlight, Duration ackTimeout)
      implements Serializable {
    Limits {
      if (maxBufferedRows < 1 || maxRowsPerBatch < 1 || maxInFlight < 1) {
        throw new IllegalArgumentException(
            "Cassandra writer limits must be >= 1, got buffered rows "
                + maxBufferedRows
                + ", rows per batch "
                + maxRowsPerBatch
                + ", requests in flight "
                + maxInFlight);
      }
    }
  }

  private record PartitionKey(String project, String stream, java.time.LocalDate day) {}

  private final Session session;
  private final PreparedStatement insert;
  private final Limits limits;
  private final Semaphore inFlight;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Map<PartitionKey, List<BoundStatement>> buffer = new LinkedHashMap<>();
  private final AutoCloseable connection;
  private int buffered;
  private volatile long requests; // read by the metrics thread

  /**
   * @param session an open session
   * @param insert {@link CassandraStreamSink#insertCql} prepared on the session
   * @param connection closed with the writer (the session's cluster)
   */
  CassandraStreamWriter(
      Session session, PreparedStatement insert, Limits limits, AutoCloseable connection) {
    this.session = session;
    this.insert = insert;
    this.limits = limits;
    this.inFlight = new Semaphore(limits.maxInFlight());
    this.connection = connection;
  }

  @Override
  public void write(LogEvent event, Context context) throws IOException, InterruptedException {
    throwIfFailed();
    CassandraStreamRow row = CassandraStreamRow.of(event);
    buffer
        .computeIfAbsent(
            new PartitionKey(row.project(), row.stream(), row.day()), k -> new ArrayList<>(4))
        .add(bind(row));
    if (++buffered >= limits.maxBufferedRows()) {
      send();
    }
  }

  /** Sends what is buffered and waits until Cassandra acknowledged every write sent so far. */
  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    send();
    if (!inFlight.tryAcquire(
        limits.maxInFlight(), limits.ackTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IOException(
          "Cassandra did not acknowledge "
              + (limits.maxInFlight() - inFlight.availablePermits())
              + " write requests to stream_events within "
              + limits.ackTimeout());
    }
    inFlight.release(limits.maxInFlight());
    throwIfFailed();
  }

  /** Write requests sent so far (single rows and batches). */
  long requests() {
    return requests;
  }

  private BoundStatement bind(CassandraStreamRow row) {
    // By index and typed, so the driver needs no codec lookup per value.
    BoundStatement s = insert.bind();
    s.setString(0, row.project());
    s.setString(1, row.stream());
    s.setDate(2, LocalDate.fromDaysSinceEpoch((int) row.day().toEpochDay()));
    s.setTimestamp(3, Date.from(row.ts()));
    s.setString(4, row.eventId());
    s.setString(5, row.level());
    s.setString(6, row.service());
    s.setString(7, row.message());
    s.setMap(8, row.attributes());
    s.setTimestamp(9, Date.from(row.receivedAt()));
    s.setLong(10, row.ingestLagMs());
    s.setInt(11, row.sizeBytes());
    s.setInt(12, row.ttlSeconds());
    return s;
  }

  private void send() throws IOException, InterruptedException {
    for (List<BoundStatement> rows : buffer.values()) {
      for (int from = 0; from < rows.size(); from += limits.maxRowsPerBatch()) {
        List<BoundStatement> chunk =
            rows.subList(from, Math.min(rows.size(), from + limits.maxRowsPerBatch()));
        execute(chunk.size() == 1 ? chunk.get(0) : unloggedBatch(chunk));
      }
    }
    buffer.clear();
    buffered = 0;
  }

  private static Statement unloggedBatch(List<BoundStatement> rows) {
    BatchStatement batch = new BatchStatement(BatchStatement.Type.UNLOGGED);
    batch.addAll(rows);
    return batch;
  }

  private void execute(Statement statement) throws IOException, InterruptedException {
    throwIfFailed();
    if (!inFlight.tryAcquire(limits.ackTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IOException(
          "Cassandra did not acknowledge any of "
              + limits.maxInFlight()
              + " write requests to stream_events within "
              + limits.ackTimeout());
    }
    ResultSetFuture result;
    try {
      result = session.executeAsync(statement);
    } catch (RuntimeException e) {
      inFlight.release();
      throw new IOException("Sending a write to Cassandra stream_events failed", e);
    }
    requests++;
    result.addListener(() -> acknowledged(result), Runnable::run);
  }

  private void acknowledged(ResultSetFuture result) {
    try {
      result.getUninterruptibly();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    } finally {
      inFlight.release();
    }
  }

  private void throwIfFailed() throws IOException {
    Throwable t = failure.get();
    if (t != null) {
      throw new IOException("A write to Cassandra stream_events failed", t);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      session.close();
    } finally {
      connection.close();
    }
  }
}
