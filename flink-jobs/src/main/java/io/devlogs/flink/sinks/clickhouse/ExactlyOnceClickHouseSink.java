package io.devlogs.flink.sinks.clickhouse;

import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.sinks.clickhouse.internal.ClickHouseSinkOperator;
import io.devlogs.flink.sinks.clickhouse.internal.SinkConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * A two-phase ClickHouse sink whose effect is exactly once, without XA and without insert
 * de-duplication (which ClickHouse 18.16 lacks for non-replicated tables).
 *
 * <h2>Guarantee</h2>
 *
 * With Flink checkpointing in exactly-once mode and a source that replays from its checkpointed
 * position (Kafka), every record that reaches the sink ends up in the target table exactly once,
 * after any number of failures and restarts at any point (operator failures, a failure while
 * committing, a failure between checkpoint completion and the commit notification): row counts are
 * exact without {@code FINAL}. Rows become visible when the checkpoint that covers them completes
 * (latency = checkpoint interval + commit time), each (batch, partition) at once.
 *
 * <h2>Protocol</h2>
 *
 * <ol>
 *   <li><b>Stage</b> (writer, before and at each checkpoint barrier): buffered rows are inserted
 *       into the staging table, tagged with a batch id unique forever (a random a random writer
 *       session, drawn again by a restored writer, plus subtask and a sequence). A chunk of at most
 *       {@code maxRowsPerChunk} rows is one insert and one batch. At the barrier the writer emits
 *       one staged batch per chunk (id and row count per target partition); Flink stores it in the
 *       committer's checkpoint state.
 *   <li><b>Commit</b> (committer, once the checkpoint is complete, and again for restored batches
 *       after a restart): for each (batch, target partition), read the commit markers of the
 *       batches in one query, then
 *       <ul>
 *         <li>'done': skip (a replayed commit);
 *         <li>no marker: check the staged row count, write an 'intent' marker, copy with one {@code
 *             INSERT INTO target SELECT ... FROM staging WHERE batch_id = ? AND <partition> = ?}
 *             (one part of one partition, smaller than ClickHouse's insert block, so it lands
 *             completely or not at all), then write a 'done' marker;
 *         <li>'intent' without 'done' (an interrupted attempt): wait until the copy's fixed {@code
 *             query_id} is no longer running on the server, count the batch's rows in the target
 *             partition ({@code sink_batch} column), then mark done (all there), copy all (none
 *             there) or copy the missing rows by key (never expected).
 *       </ul>
 *       The normal path never reads the target table.
 * </ol>
 *
 * <h2>Refused rows and outages</h2>
 *
 * A staging insert ClickHouse refuses because of the data is split until the refused rows are
 * isolated: each becomes a dead letter (the sink's output, see {@link #attach}) with ClickHouse's
 * error, and every other row is staged. An unavailable ClickHouse (no answer, a server error) never
 * fails the job: unstaged rows go into the operator's checkpoint state and staged batches wait in
 * it for their commit, both retried with a backoff of at most {@value
 * ClickHouseSinkOperator#MAX_BACKOFF_MS} ms, so the other sinks go on and this one catches up
 * within seconds of ClickHouse's return. Beyond {@code maxPendingBytes} of unstaged rows the sink
 * applies backpressure.
 *
 * <p>Rows staged by a writer whose checkpoint never completed are never committed: the replayed
 * records are staged again under a new batch id. Staging rows are removed by dropping whole staging
 * partitions (one per staging day) older than {@code stagingRetentionDays} (default 2), from
 * committer subtask 0 at most once an hour; no {@code ALTER DELETE} mutations. Target partitions
 * whose rows are past their retention ({@link ClickHouseRowFormat#expired}) are dropped the same
 * way, every {@code retentionSweepInterval}.
 *
 * <h2>Assumptions</h2>
 *
 * <ul>
 *   <li>The target, staging and markers tables live on the same server (or, on a cluster, the
 *       markers table is a {@code Replicated*MergeTree} and the staging and target tables are read
 *       and written on the same replica set); the markers must be readable right after they are
 *       written.
 *   <li>Only this sink writes rows with a given {@code sink_batch}; nothing deletes target rows of
 *       a batch whose marker is not yet 'done'.
 *   <li>A job does not stay down longer than the staging retention with batches of a completed
 *       checkpoint not yet committed; otherwise the committer finds their staged rows gone and
 *       fails loudly instead of losing them silently.
 *   <li>Tables: staging = target columns + {@code batch_id String}, {@code staged_at DateTime},
 *       partitioned by {@code toYYYYMMDD(staged_at)}; target has {@code sink_batch String}; markers
 *       as in {@code schema/ddl/clickhouse/002_exactly_once_sink.sql}.
 * </ul>
 *
 * @param <T> the record type, written through a {@link ClickHouseRowFormat}
 */
public final class ExactlyOnceClickHouseSink<T> implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Gauge: rows buffered and not yet staged (more than a chunk while ClickHouse is away). */
  public static final String METRIC_UNSTAGED_ROWS = "clickhouseUnstagedRows";

  /** Gauge: staged batches waiting for their commit. */
  public static final String METRIC_UNCOMMITTED_BATCHES = "clickhouseUncommittedBatches";

  /** Gauge: 1 while ClickHouse cannot be written, else 0. */
  public static final String METRIC_UNAVAILABLE = "clickhouseUnavailable";

  /** Counter: rows ClickHouse refused (each became a dead letter). */
  public static final String METRIC_REFUSED_ROWS = "clickhouseRefusedRows";

  /** Counter: rows committed, i.e. made visible in the target table. */
  public static final String METRIC_COMMITTED_ROWS = "clickhouseCommittedRows";

  /**
   * Histogram: milliseconds of one commit of the batches of completed checkpoints (its statements
   * in ClickHouse), the last 500 commits; a failed commit is not measured.
   */
  public static final String METRIC_COMMIT_MILLIS = "clickhouseCommitMillis";

  private final SinkConfig<T> config;

  private ExactlyOnceClickHouseSink(Builder<T> b) {
    if (b.maxRowsPerChunk < 1 || b.maxRowsPerChunk > MAX_ROWS_PER_CHUNK) {
      throw new IllegalArgumentException(
          "maxRowsPerChunk must be 1.."
              + MAX_ROWS_PER_CHUNK
              + " (one copy must stay one ClickHouse insert block), got "
              + b.maxRowsPerChunk);
    }
    this.config =
        new SinkConfig<>(
            Objects.requireNonNull(b.endpoint, "endpoint: call endpoint(...)"),
            b.client,
            b.format,
            requireTable(b.targetTable, "targetTable"),
            requireTable(b.stagingTable, "stagingTable"),
            requireTable(b.markersTable, "markersTable"),
            b.maxRowsPerChunk,
            b.maxBytesPerChunk,
            b.stagingRetentionDays,
            b.retentionSweepInterval,
            b.requestTimeout,
            b.maxPendingBytes);
  }

  /**
   * Upper bound of {@code maxRowsPerChunk}: below ClickHouse's {@code min_insert_block_size_rows}
   * (1,048,576), so one copy forms one block and one part.
   */
  public static final int MAX_ROWS_PER_CHUNK = 500_000;

  /** A builder for records written with {@code format}. */
  public static <T> Builder<T> builder(ClickHouseRowFormat<T> format) {
    return new Builder<>(format);
  }

  /**
   * Adds the sink to {@code rows}: one operator named {@code name} with the stable {@code uid},
   * whose output is the dead letters of the rows ClickHouse refused.
   */
  public SingleOutputStreamOperator<DeadLetter> attach(
      DataStream<T> rows, String name, String uid) {
    return rows.transform(
            name, TypeInformation.of(DeadLetter.class), new ClickHouseSinkOperator<>(config))
        .uid(uid);
  }

  private static String requireTable(String table, String what) {
    if (table == null || !table.matches("([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          what + " '" + table + "' must be a table name, optionally database-qualified");
    }
    return table;
  }

  /** Builds an {@link ExactlyOnceClickHouseSink}; tables default to the devlogs events tables. */
  public static final class Builder<T> {
    private final ClickHouseRowFormat<T> format;
    private ClickHouseEndpoint endpoint;
    private String targetTable = "events";
    private String stagingTable = "events_staging";
    private String markersTable = "sink_commits";
    private int maxRowsPerChunk = 100_000;
    private int maxBytesPerChunk = 32 << 20;
    private int stagingRetentionDays = 2;
    private Duration retentionSweepInterval = Duration.ofHours(1);
    private Duration requestTimeout = Duration.ofMinutes(5);
    private long maxPendingBytes = 64L << 20;
    private ClickHouseHttp.Factory client = ClickHouseHttp::new;

    private Builder(ClickHouseRowFormat<T> format) {
      this.format = Objects.requireNonNull(format, "format");
    }

    public Builder<T> endpoint(ClickHouseEndpoint endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /** Target, staging and markers tables (unqualified names use the endpoint's database). */
    public Builder<T> tables(String target, String staging, String markers) {
      this.targetTable = target;
      this.stagingTable = staging;
      this.markersTable = markers;
      return this;
    }

    /** Rows per staging insert (and per batch), at most {@link #MAX_ROWS_PER_CHUNK}. */
    public Builder<T> maxRowsPerChunk(int rows) {
      this.maxRowsPerChunk = rows;
      return this;
    }

    /** Bytes of JSON per staging insert before a chunk is staged early. */
    public Builder<T> maxBytesPerChunk(int bytes) {
      this.maxBytesPerChunk = bytes;
      return this;
    }

    /** Days staged rows are kept; 0 never drops staging partitions. */
    public Builder<T> stagingRetentionDays(int days) {
      if (days < 0) {
        throw new IllegalArgumentException("stagingRetentionDays must be >= 0, got " + days);
      }
      this.stagingRetentionDays = days;
      return this;
    }

    /**
     * How often committer subtask 0 drops target partitions past their retention ({@link
     * ClickHouseRowFormat#expired}, {@link RetentionSweeper}); the first sweep one interval after
     * start; {@link Duration#ZERO} never sweeps. Default 1 hour.
     */
    public Builder<T> retentionSweepInterval(Duration interval) {
      if (interval == null || interval.isNegative()) {
        throw new IllegalArgumentException(
            "retentionSweepInterval must be 0 (off) or positive, got " + interval);
      }
      this.retentionSweepInterval = interval;
      return this;
    }

    /** Timeout of each HTTP request to ClickHouse (also how long a hung server can hold it). */
    public Builder<T> requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /**
     * Bytes of JSON rows a subtask keeps while ClickHouse is unavailable before it applies
     * backpressure (they are in its checkpoint state). Default 64 MiB.
     */
    public Builder<T> maxPendingBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxPendingBytes must be >= 1, got " + bytes);
      }
      this.maxPendingBytes = bytes;
      return this;
    }

    /**
     * How the sink opens its ClickHouse client, once per writer and per committer; default {@link
     * ClickHouseHttp#ClickHouseHttp(ClickHouseEndpoint, Duration) a plain client}. Tests pass
     * clients that fail at a chosen step of the protocol.
     */
    public Builder<T> client(ClickHouseHttp.Factory client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    public ExactlyOnceClickHouseSink<T> build() {
      return new ExactlyOnceClickHouseSink<>(this);
    }
  }
}
