package io.devlogs.bench.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Inserts records straight into a ClickHouse target table, bypassing the job's staging and commit
 * markers: the rows are those the job's {@link ClickHouseRowFormat} writes, plus {@code
 * sink_batch}, as {@code JSONEachRow}, {@code rowsPerInsert} rows per HTTP insert. One insert runs
 * in the background while the caller fills the next buffer. Counts the time spent inside inserts,
 * so the load reports the rate ClickHouse took the rows at. Not thread-safe.
 */
final class DirectInserter<T> implements AutoCloseable {

  private final ClickHouseRowFormat<T> format;
  private final ClickHouseHttp http;
  private final String insertSql;
  private final String sinkBatch;
  private final int rowsPerInsert;
  private final ExecutorService sender;
  private Future<?> inFlight;
  private ByteArrayOutputStream buffer;
  private JsonGenerator json;
  private int rows;
  private volatile long inserted;
  private volatile long insertNanos;
  private volatile long bytes;

  DirectInserter(
      ClickHouseHttp http,
      String table,
      ClickHouseRowFormat<T> format,
      String sinkBatch,
      int rowsPerInsert) {
    this.http = http;
    this.format = format;
    this.sinkBatch = sinkBatch;
    this.rowsPerInsert = rowsPerInsert;
    this.insertSql =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", format.columns())
            + ", sink_batch) FORMAT JSONEachRow";
    this.sender =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "insert " + table);
              t.setDaemon(true);
              return t;
            });
    newBuffer();
  }

  void add(T record) {
    try {
      json.writeStartObject();
      format.writeFields(record, json);
      json.writeStringField("sink_batch", sinkBatch);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (++rows >= rowsPerInsert) {
      send();
    }
  }

  /** Rows ClickHouse has acknowledged so far. */
  long inserted() {
    return inserted;
  }

  /** Seconds spent inside acknowledged inserts. */
  double insertSeconds() {
    return insertNanos / 1e9;
  }

  /** Bytes of JSONEachRow sent so far. */
  long bytes() {
    return bytes;
  }

  /** Sends what is buffered and waits until ClickHouse has acknowledged every row. */
  void flush() {
    send();
    awaitInFlight();
  }

  private void send() {
    if (rows == 0) {
      return;
    }
    byte[] body;
    try {
      json.flush();
      body = buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int count = rows;
    newBuffer();
    awaitInFlight();
    inFlight =
        sender.submit(
            () -> {
              long start = System.nanoTime();
              try {
                http.insert(insertSql, body);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while inserting", e);
              }
              insertNanos += System.nanoTime() - start;
              inserted += count;
              bytes += body.length;
            });
  }

  private void awaitInFlight() {
    if (inFlight == null) {
      return;
    }
    try {
      inFlight.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("insert into ClickHouse failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an insert", e);
    } finally {
      inFlight = null;
    }
  }

  private void newBuffer() {
    buffer = new ByteArrayOutputStream(1 << 20);
    try {
      json = new JsonFactory().createGenerator(buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    json.setRootValueSeparator(new SerializedString("\n"));
    rows = 0;
  }

  @Override
  public void close() {
    sender.shutdownNow();
  }
}
