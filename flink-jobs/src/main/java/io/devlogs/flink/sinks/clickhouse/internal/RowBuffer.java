package io.devlogs.flink.sinks.clickhouse.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Rows not yet staged, each the inside of a {@code JSONEachRow} object (its fields, without the
 * braces and without the batch columns) with its target partition. The batch columns are added when
 * a range of rows is staged ({@link #body}), so the same rows can be staged again under another
 * batch id after a failed attempt. One byte array and two primitive arrays, no object per row: this
 * sits on the sink's hot path. The arrays are kept and reused after {@link #clear} (once per
 * checkpoint), and rows are read in place, never by copying the whole buffer.
 */
final class RowBuffer {

  private static final int INITIAL_BYTES = 1 << 20;

  /** Beyond this, a cleared buffer lets its bytes go (a backlog after an outage can be large). */
  private static final int KEPT_BYTES = 16 << 20;

  private Bytes bytes = new Bytes(INITIAL_BYTES);
  private int[] ends = new int[1024];
  private long[] partitions = new long[1024];
  private int rows;

  /** A byte stream whose bytes can be read in place. */
  private static final class Bytes extends ByteArrayOutputStream {
    Bytes(int size) {
      super(size);
    }

    byte[] array() {
      return buf;
    }
  }

  /**
   * Adds a row: {@code length} bytes of {@code fields} from {@code offset}, a JSON object's inside,
   * e.g. {@code "a":1,"b":"x"}.
   */
  void add(byte[] fields, int offset, int length, long partition) {
    if (rows == ends.length) {
      ends = Arrays.copyOf(ends, rows * 2);
      partitions = Arrays.copyOf(partitions, rows * 2);
    }
    bytes.write(fields, offset, length);
    ends[rows] = bytes.size();
    partitions[rows] = partition;
    rows++;
  }

  int rows() {
    return rows;
  }

  /** Empties the buffer, keeping its arrays for the next rows. */
  void clear() {
    if (bytes.array().length > KEPT_BYTES) {
      bytes = new Bytes(INITIAL_BYTES);
    } else {
      bytes.reset();
    }
    rows = 0;
  }

  int bytes() {
    return bytes.size();
  }

  long partition(int row) {
    return partitions[row];
  }

  /** The fields of one row as text, e.g. for a dead letter. */
  String fields(int row) {
    int start = row == 0 ? 0 : ends[row - 1];
    return new String(bytes.array(), start, ends[row] - start, StandardCharsets.UTF_8);
  }

  /** Rows {@code [from, to)} as {@code JSONEachRow} objects that start with the batch columns. */
  byte[] body(int from, int to, String batchId, String stagedAt) {
    byte[] all = bytes.array();
    byte[] prefix =
        ("{\"batch_id\":\"" + batchId + "\",\"staged_at\":\"" + stagedAt + "\",")
            .getBytes(StandardCharsets.UTF_8);
    int start = from == 0 ? 0 : ends[from - 1];
    byte[] body = new byte[ends[to - 1] - start + (to - from) * (prefix.length + 2)];
    int at = 0;
    for (int r = from; r < to; r++) {
      int s = r == 0 ? 0 : ends[r - 1];
      System.arraycopy(prefix, 0, body, at, prefix.length);
      at += prefix.length;
      System.arraycopy(all, s, body, at, ends[r] - s);
      at += ends[r] - s;
      body[at++] = '}';
      body[at++] = '\n';
    }
    return body;
  }

  /** Row count per target partition of rows {@code [from, to)}. */
  Map<Long, Long> rowsByPartition(int from, int to) {
    Map<Long, Long> counts = new HashMap<>();
    for (int r = from; r < to; r++) {
      counts.merge(partitions[r], 1L, Long::sum);
    }
    return counts;
  }

  /** A buffer with only the rows whose {@code keep[row]} is true, in order. */
  RowBuffer retain(boolean[] keep) {
    RowBuffer kept = new RowBuffer();
    byte[] all = bytes.array();
    for (int r = 0; r < rows; r++) {
      if (keep[r]) {
        int s = r == 0 ? 0 : ends[r - 1];
        kept.add(all, s, ends[r] - s, partitions[r]);
      }
    }
    return kept;
  }

  /** The rows as bytes, for checkpoint state ({@link #read} reads them back). */
  byte[] serialize() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.size() + rows * 12 + 8);
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(rows);
    for (int r = 0; r < rows; r++) {
      data.writeInt(ends[r]);
      data.writeLong(partitions[r]);
    }
    bytes.writeTo(data);
    data.flush();
    return out.toByteArray();
  }

  /** Adds the rows {@link #serialize} wrote. */
  void read(byte[] serialized) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(serialized));
    int n = in.readInt();
    int[] rowEnds = new int[n];
    long[] rowParts = new long[n];
    for (int r = 0; r < n; r++) {
      rowEnds[r] = in.readInt();
      rowParts[r] = in.readLong();
    }
    byte[] all = in.readAllBytes();
    for (int r = 0; r < n; r++) {
      int s = r == 0 ? 0 : rowEnds[r - 1];
      add(all, s, rowEnds[r] - s, rowParts[r]);
    }
  }
}
