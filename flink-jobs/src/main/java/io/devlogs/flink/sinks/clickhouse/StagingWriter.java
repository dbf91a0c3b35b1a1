package io.devlogs.flink.sinks.clickhouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;

/**
 * The writer of {@link ExactlyOnceClickHouseSink}: buffers rows as {@code JSONEachRow}, stages them
 * into the staging table under a fresh batch id whenever a chunk is full and at every checkpoint,
 * and hands the staged batches to the committer at the checkpoint.
 */
final class StagingWriter<T> implements CommittingSinkWriter<T, StagedBatch> {

  static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final ClickHouseRowFormat<T> format;
  private final ClickHouseHttp http;
  private final String insertSql;
  private final int maxRowsPerChunk;
  private final int maxBytesPerChunk;
  private final String failureKey;
  private final BatchIds ids;

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
  private final JsonGenerator json;
  private final Map<Long, Long> rowsByPartition = new HashMap<>();
  private final List<StagedBatch> staged = new ArrayList<>();
  private String batchId;
  private String stagedAt;
  private int rows;

  StagingWriter(
      ClickHouseRowFormat<T> format,
      ClickHouseHttp http,
      String stagingTable,
      int subtask,
      int maxRowsPerChunk,
      int maxBytesPerChunk,
      String failureKey)
      throws IOException {
    this.format = format;
    this.http = http;
    this.insertSql = stagingInsert(stagingTable, format.columns());
    this.maxRowsPerChunk = maxRowsPerChunk;
    this.maxBytesPerChunk = maxBytesPerChunk;
    this.failureKey = failureKey;
    this.ids = new BatchIds(subtask);
    this.json = new JsonFactory().createGenerator(buffer);
    json.setRootValueSeparator(new SerializedString("\n"));
  }

  static String stagingInsert(String stagingTable, List<String> columns) {
    return "INSERT INTO "
        + stagingTable
        + " (batch_id, staged_at, "
        + String.join(", ", columns)
        + ") FORMAT JSONEachRow";
  }

  @Override
  public void write(T record, Context context) throws IOException, InterruptedException {
    FailureInjection.at(failureKey, FailureInjection.Point.WRITER_RECORD);
    if (rows == 0) {
      batchId = ids.next();
      stagedAt = DATE_TIME.format(Instant.now());
    }
    json.writeStartObject();
    json.writeStringField("batch_id", batchId);
    json.writeStringField("staged_at", stagedAt);
    format.writeFields(record, json);
    json.writeEndObject();
    rowsByPartition.merge(format.partitionOf(record), 1L, Long::sum);
    rows++;
    if (rows >= maxRowsPerChunk || buffer.size() >= maxBytesPerChunk) {
      stage();
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    stage();
  }

  @Override
  public Collection<StagedBatch> prepareCommit() throws IOException, InterruptedException {
    stage();
    List<StagedBatch> batches = List.copyOf(staged);
    staged.clear();
    return batches;
  }

  /** Inserts the buffered chunk into the staging table (one insert, one batch id). */
  private void stage() throws IOException, InterruptedException {
    if (rows == 0) {
      return;
    }
    json.flush();
    http.insert(insertSql, buffer.toByteArray());
    staged.add(new StagedBatch(batchId, rowsByPartition));
    buffer.reset();
    rowsByPartition.clear();
    rows = 0;
    batchId = null;
    FailureInjection.at(failureKey, FailureInjection.Point.WRITER_AFTER_STAGE);
  }

  @Override
  public void close() throws IOException {
    json.close();
  }
}
