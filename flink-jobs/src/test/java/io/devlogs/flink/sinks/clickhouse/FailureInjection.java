package io.devlogs.flink.sinks.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import io.devlogs.flink.records.DeadLetter;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failure points of {@link ExactlyOnceClickHouseSink} that a test can switch on, to prove the
 * guarantee under failure. A test-only wrapper: {@link #clients} gives the sink ClickHouse clients
 * and {@link #format} a row format that look their key up here at each {@link Point}; an armed
 * point throws {@link InjectedFailure} once, after letting a given number of passes through. State
 * is static, so it spans task restarts within one JVM (a MiniCluster). Production code knows
 * nothing of it.
 */
public final class FailureInjection {

  /** Where the sink can fail. */
  public enum Point {
    /** The writer receives a record (a failure inside an operator, mid-stream). */
    WRITER_RECORD,
    /** Right after the writer staged a chunk, before the checkpoint that would commit it. */
    WRITER_AFTER_STAGE,
    /**
     * The committer is asked to commit a completed checkpoint but fails before doing anything: the
     * checkpoint is complete and none of its rows are committed. (A failure before the commit
     * notification even reaches the tasks is tested with a hold in the tasks' mailboxes, see
     * ExactlyOncePipelineIT.)
     */
    COMMIT_START,
    /** After the 'intent' markers are written, before the rows are copied. */
    COMMIT_AFTER_INTENT,
    /** After the rows are copied into the target, before the 'done' markers are written. */
    COMMIT_AFTER_INSERT
  }

  /** The failure an armed point throws. */
  public static final class InjectedFailure extends RuntimeException {
    InjectedFailure(String message) {
      super(message);
    }
  }

  private record Armed(Point point, AtomicLong passesLeft, AtomicBoolean fired) {}

  private static final Map<String, Armed> ARMED = new ConcurrentHashMap<>();

  private FailureInjection() {}

  /** Makes {@code point} of the sinks built with {@code key} fail once, after {@code passes}. */
  public static void arm(String key, Point point, long passes) {
    ARMED.put(key, new Armed(point, new AtomicLong(passes), new AtomicBoolean()));
  }

  /** Whether the failure armed under {@code key} has been thrown. */
  public static boolean fired(String key) {
    Armed armed = ARMED.get(key);
    return armed != null && armed.fired().get();
  }

  /** Forgets {@code key}. */
  public static void disarm(String key) {
    ARMED.remove(key);
  }

  /** Throws if {@code point} is armed under {@code key} and due; a null key never fails. */
  public static void at(String key, Point point) {
    if (key == null) {
      return;
    }
    Armed armed = ARMED.get(key);
    if (armed == null || armed.point() != point || armed.fired().get()) {
      return;
    }
    if (armed.passesLeft().getAndDecrement() <= 0 && armed.fired().compareAndSet(false, true)) {
      throw new InjectedFailure("injected failure at " + point + " (" + key + ")");
    }
  }

  /** ClickHouse clients for the sink's builder that fail at the committer's and writer's points. */
  public static ClickHouseHttp.Factory clients(String key) {
    return (endpoint, timeout) -> new FailingClient(key, endpoint, timeout);
  }

  /** {@code format}, failing at {@link Point#WRITER_RECORD}. */
  public static <T> ClickHouseRowFormat<T> format(String key, ClickHouseRowFormat<T> format) {
    return new FailingFormat<>(key, format);
  }

  /**
   * Finds the protocol's steps in the statements the sink sends (see {@code StagingWriter} and
   * {@code StagedBatchCommitter}): staging inserts name {@code batch_id, staged_at}; a commit
   * starts by reading its markers, and its first other request is its first step, or, for batches
   * staged in this run, by writing its 'intent' markers; markers are written with their state in
   * the body.
   */
  private static final class FailingClient extends ClickHouseHttp {
    private final String key;
    private boolean markersJustRead;
    private boolean commitStarted;

    FailingClient(String key, ClickHouseEndpoint endpoint, Duration requestTimeout) {
      super(endpoint, requestTimeout);
      this.key = key;
    }

    @Override
    public void insert(String insertSql, byte[] body) throws IOException, InterruptedException {
      commitStarts();
      String rows = new String(body, java.nio.charset.StandardCharsets.UTF_8);
      if (rows.contains("\tintent\t") && !commitStarted) {
        commitStarted = true; // a first commit of batches staged here: no markers read
        at(key, Point.COMMIT_START);
      }
      if (rows.contains("\tdone\t")) {
        commitStarted = false;
        at(key, Point.COMMIT_AFTER_INSERT);
      }
      super.insert(insertSql, body);
      if (insertSql.contains("(batch_id, staged_at, ")) {
        at(key, Point.WRITER_AFTER_STAGE);
      } else if (rows.contains("\tintent\t")) {
        at(key, Point.COMMIT_AFTER_INTENT);
      }
    }

    @Override
    public void execute(String sql, String queryId) throws IOException, InterruptedException {
      commitStarts();
      super.execute(sql, queryId);
    }

    @Override
    public List<String[]> select(String sql) throws IOException, InterruptedException {
      if (sql.startsWith("SELECT batch_id, part_key, sum(state = 'intent')")) {
        markersJustRead = true;
        commitStarted = false;
        return super.select(sql);
      }
      commitStarts();
      return super.select(sql);
    }

    /** The first request after the markers were read: the commit has work and starts it. */
    private void commitStarts() {
      if (markersJustRead) {
        markersJustRead = false;
        commitStarted = true;
        at(key, Point.COMMIT_START);
      }
    }
  }

  private record FailingFormat<T>(String key, ClickHouseRowFormat<T> format)
      implements ClickHouseRowFormat<T> {
    @Override
    public List<String> columns() {
      return format.columns();
    }

    @Override
    public List<String> keyColumns() {
      return format.keyColumns();
    }

    @Override
    public String partitionExpression() {
      return format.partitionExpression();
    }

    @Override
    public long partitionOf(T record) {
      return format.partitionOf(record);
    }

    @Override
    public boolean expired(long partition, LocalDate today) {
      return format.expired(partition, today);
    }

    @Override
    public void writeFields(T record, JsonGenerator json) throws IOException {
      at(key, Point.WRITER_RECORD);
      format.writeFields(record, json);
    }

    @Override
    public DeadLetter deadLetter(String fields, String error) {
      return format.deadLetter(fields, error);
    }
  }
}
