package io.devlogs.flink.sinks.clickhouse.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import io.devlogs.flink.sinks.clickhouse.ExactlyOnceClickHouseSink;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The staging half of {@link ExactlyOnceClickHouseSink}: buffers rows as {@code JSONEachRow} and
 * stages them into the staging table, each insert under a fresh batch id.
 *
 * <p>A staging insert that ClickHouse refuses because of the data ({@link #ROW_ERRORS}) is split in
 * halves until the refused rows are isolated; they come back as {@link Refused} rows and every
 * other row is staged. Any other failure (no answer, too many parts, a server error) leaves the
 * rows not yet staged in the buffer for a later attempt, under new batch ids, so an attempt whose
 * outcome is unknown can never make a batch hold rows twice.
 */
public final class StagingWriter<T> {

  static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /**
   * ClickHouse error codes that blame the inserted data, not the server: parse errors of text,
   * escapes, quoted strings, dates, date-times and numbers; type mismatches; values out of range;
   * strings or arrays too large; NULL in a non-nullable column; incorrect data.
   */
  static final Set<Integer> ROW_ERRORS =
      Set.of(6, 25, 26, 27, 32, 38, 41, 53, 69, 70, 72, 117, 128, 131, 190, 321, 349);

  /** A row ClickHouse refused, with its fields and ClickHouse's error. */
  public record Refused(String fields, String error) {}

  /** What one {@link #stage} did. */
  public record Outcome(List<StagedBatch> staged, List<Refused> refused, IOException unavailable) {
    /** Whether rows are left in the buffer because ClickHouse could not take them now. */
    public boolean pending() {
      return unavailable != null;
    }
  }

  private final ClickHouseRowFormat<T> format;
  private final ClickHouseHttp http;
  private final String insertSql;
  private final int maxRowsPerChunk;
  private final int maxBytesPerChunk;
  private final BatchIds ids;

  private final ByteArrayBuilder scratch = new ByteArrayBuilder(4096);
  private final JsonGenerator json;
  private RowBuffer buffer = new RowBuffer();

  public StagingWriter(
      ClickHouseRowFormat<T> format,
      ClickHouseHttp http,
      String stagingTable,
      int subtask,
      int maxRowsPerChunk,
      int maxBytesPerChunk)
      throws IOException {
    this.format = format;
    this.http = http;
    this.insertSql = stagingInsert(stagingTable, format.columns());
    this.maxRowsPerChunk = maxRowsPerChunk;
    this.maxBytesPerChunk = maxBytesPerChunk;
    this.ids = new BatchIds(subtask);
    this.json = new JsonFactory().createGenerator(scratch);
    json.setRootValueSeparator(null); // each row alone in the scratch buffer: no separator
  }

  static String stagingInsert(String stagingTable, List<String> columns) {
    return "INSERT INTO "
        + stagingTable
        + " (batch_id, staged_at, "
        + String.join(", ", columns)
        + ") FORMAT JSONEachRow";
  }

  /** Buffers one record; the caller stages when {@link #chunkFull()}. */
  public void write(T record) throws IOException {
    scratch.reset();
    json.writeStartObject();
    format.writeFields(record, json);
    json.writeEndObject();
    json.flush();
    // The object's inside: the batch columns go in front of it when it is staged. A row that fit
    // the scratch's current segment is read in place, without a copy.
    long partition = format.partitionOf(record);
    int length = scratch.size();
    if (length == scratch.getCurrentSegmentLength()) {
      buffer.add(scratch.getCurrentSegment(), 1, length - 2, partition);
    } else {
      byte[] row = scratch.toByteArray();
      buffer.add(row, 1, row.length - 2, partition);
    }
  }

  public boolean chunkFull() {
    return buffer.rows() >= maxRowsPerChunk || buffer.bytes() >= maxBytesPerChunk;
  }

  /** Rows buffered and not yet staged. */
  public int bufferedRows() {
    return buffer.rows();
  }

  /** Bytes of JSON buffered and not yet staged. */
  public int bufferedBytes() {
    return buffer.bytes();
  }

  /**
   * Stages every buffered row, chunk by chunk: refused rows are isolated, rows ClickHouse cannot
   * take now stay buffered ({@link Outcome#pending()}).
   */
  public Outcome stage() throws InterruptedException {
    List<StagedBatch> staged = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    boolean[] keep = new boolean[buffer.rows()];
    IOException unavailable = null;
    for (int from = 0; from < buffer.rows(); ) {
      int to = chunkEnd(from);
      if (unavailable == null) {
        unavailable = stageRange(from, to, staged, refused, keep);
      } else {
        Arrays.fill(keep, from, to, true);
      }
      from = to;
    }
    if (unavailable == null) {
      buffer.clear();
    } else {
      buffer = buffer.retain(keep);
    }
    return new Outcome(staged, refused, unavailable);
  }

  private int chunkEnd(int from) {
    return Math.min(buffer.rows(), from + maxRowsPerChunk);
  }

  /**
   * Stages rows {@code [from, to)}: one insert if ClickHouse takes it, else halves until the
   * refused rows are alone. Returns the failure that made ClickHouse unavailable (the range's rows
   * not staged are marked in {@code keep}), or null.
   */
  private IOException stageRange(
      int from, int to, List<StagedBatch> staged, List<Refused> refused, boolean[] keep)
      throws InterruptedException {
    String batchId = ids.next();
    try {
      http.insert(insertSql, buffer.body(from, to, batchId, DATE_TIME.format(Instant.now())));
    } catch (ClickHouseHttp.ErrorAnswer e) {
      if (!ROW_ERRORS.contains(e.code())) {
        Arrays.fill(keep, from, to, true);
        return e;
      }
      if (to - from == 1) {
        refused.add(new Refused(buffer.fields(from), e.error()));
        return null;
      }
      int middle = (from + to) >>> 1;
      IOException unavailable = stageRange(from, middle, staged, refused, keep);
      if (unavailable != null) {
        Arrays.fill(keep, middle, to, true);
        return unavailable;
      }
      return stageRange(middle, to, staged, refused, keep);
    } catch (IOException e) {
      Arrays.fill(keep, from, to, true);
      return e;
    }
    staged.add(new StagedBatch(batchId, buffer.rowsByPartition(from, to)));
    return null;
  }

  /** The rows not yet staged, for checkpoint state. */
  public byte[] snapshotBuffer() throws IOException {
    return buffer.serialize();
  }

  /** Adds rows of a {@link #snapshotBuffer} (after a restore). */
  public void restoreBuffer(byte[] rows) throws IOException {
    buffer.read(rows);
  }

  public void close() throws IOException {
    json.close();
  }
}
