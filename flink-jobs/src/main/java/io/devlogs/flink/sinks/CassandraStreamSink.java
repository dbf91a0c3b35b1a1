package io.devlogs.flink.sinks;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.CodecRegistry;
import com.datastax.driver.core.policies.ConstantReconnectionPolicy;
import com.datastax.driver.core.policies.DCAwareRoundRobinPolicy;
import com.datastax.driver.core.policies.TokenAwarePolicy;
import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.flink.config.CassandraOptions;
import io.devlogs.flink.config.CassandraOptions.ContactPoint;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.LogEvent;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.connectors.cassandra.ClusterBuilder;

/**
 * Writes events to Cassandra {@code stream_chunks} and returns the dead letters of the rows
 * Cassandra refused ({@link CassandraStreamOperator} around {@link CassandraStreamWriter}: rows
 * grouped by partition, {@link io.devlogs.streams.StreamChunks slice} and TTL into chunks bounded
 * by rows and bytes, one row per chunk, asynchronous with bounded requests in flight).
 *
 * <p><b>Delivery guarantee: exactly-once effect through idempotent upserts; the job never fails
 * because of Cassandra.</b> Every row is either acknowledged by Cassandra or becomes a dead letter
 * ({@link DeadLetterCause#REFUSED_BY_CASSANDRA}, with Cassandra's error); until then it is pending,
 * and every checkpoint holds the pending rows in the operator's state, so nothing of a completed
 * checkpoint is lost. A dead letter is emitted before the barrier of the checkpoint that no longer
 * holds its row, so the exactly-once dead-letter sink commits it with that checkpoint. After a
 * failure the job restores the pending rows, writes them first and replays from the checkpoint. A
 * chunk's key is its partition, slice and the hash of its block, so the same events make the same
 * chunk, which overwrites itself; events a replay cuts into other chunks than before are stored
 * twice, and every reader keeps each (ts, event_id) of a slice once ({@link
 * io.devlogs.streams.StreamChunks#merge}), so the effect is exactly once.
 *
 * <ul>
 *   <li>A chunk Cassandra refuses as invalid is retried row by row, so only the offending rows
 *       become dead letters and the others commit.
 *   <li>While Cassandra is unavailable the writer retries with a backoff up to {@value
 *       #MAX_BACKOFF_MS} ms, checkpoints complete with the pending rows in their state, and the
 *       other sinks keep receiving events. Beyond {@value #MAX_PENDING_ROWS} pending rows (or
 *       {@value #MAX_PENDING_BYTES} bytes) the operator blocks: backpressure, and checkpoints wait.
 *   <li>A row that fails uncertainly (timeouts, server errors) {@value #MAX_UNCERTAIN_ATTEMPTS}
 *       times, each after Cassandra wrote other rows, becomes a dead letter; a row that Cassandra
 *       timed out may still have been written, so it can be in both places.
 * </ul>
 *
 * <p>Chunks are written {@code USING TTL} of their events' retention (7, 30 or 365 days from the
 * write), so Cassandra expires them by itself.
 */
public final class CassandraStreamSink {

  public static final String NAME = "Cassandra stream events";

  /**
   * The operator's uid: the same as the Flink {@code Sink} it replaced, which had no state, so a
   * savepoint of the older job restores into it.
   */
  public static final String UID = "cassandra-stream-events-sink";

  /**
   * Rows buffered per writer before they are sent (else at each checkpoint): the more a buffer
   * holds, the more rows of one stream and slice go into one chunk.
   */
  static final int MAX_BUFFERED_ROWS = 20_000;

  static final long MAX_BUFFERED_BYTES = 16L << 20;

  /** Rows per chunk: bounds what a reader decodes for a page beyond the page. */
  public static final int MAX_ROWS_PER_CHUNK = 1_000;

  /**
   * Estimated bytes per chunk: far under the 4 MiB Cassandra refuses for one request (see {@code
   * CassandraRefusalsIT}); a larger row is sent alone.
   */
  static final long MAX_CHUNK_BYTES = 512L << 10;

  static final int MAX_REQUESTS_IN_FLIGHT = 64;

  /** Pending rows (memory, and checkpoint state) before the operator applies backpressure. */
  static final int MAX_PENDING_ROWS = 100_000;

  static final long MAX_PENDING_BYTES = 64L << 20;

  static final int MAX_UNCERTAIN_ATTEMPTS = 5;

  static final long MAX_BACKOFF_MS = 1_000;

  /** Longest wait for the writes in flight before a checkpoint barrier. */
  static final Duration CHECKPOINT_WAIT = Duration.ofSeconds(30);

  /** Longest wait for every pending row at the end of a bounded input. */
  static final Duration FINISH_TIMEOUT = Duration.ofMinutes(5);

  /** Gauge of the write requests (chunks) a writer sent. */
  public static final String REQUESTS_METRIC = "cassandraWriteRequests";

  /** Gauge of the rows neither acknowledged nor dead-lettered yet. */
  public static final String PENDING_ROWS_METRIC = "cassandraPendingRows";

  /** Gauge of the rows Cassandra acknowledged. */
  public static final String ROWS_WRITTEN_METRIC = "cassandraRowsWritten";

  /** Gauge of the rows that became dead letters. */
  public static final String DEAD_LETTERS_METRIC = "cassandraDeadLetters";

  /** Gauge of the requests sent again after Cassandra could not take them. */
  public static final String RETRIES_METRIC = "cassandraRetries";

  static final CassandraStreamWriter.Limits LIMITS =
      new CassandraStreamWriter.Limits(
          MAX_BUFFERED_ROWS,
          MAX_BUFFERED_BYTES,
          MAX_ROWS_PER_CHUNK,
          MAX_CHUNK_BYTES,
          MAX_REQUESTS_IN_FLIGHT,
          MAX_PENDING_ROWS,
          MAX_PENDING_BYTES,
          MAX_UNCERTAIN_ATTEMPTS,
          Duration.ofMillis(MAX_BACKOFF_MS));

  private CassandraStreamSink() {}

  /** The chunk upsert, for a keyspace: the chunk's columns, then its TTL in seconds. */
  public static String insertCql(String keyspace) {
    return "INSERT INTO "
        + keyspace
        + ".stream_chunks (project, stream, day, slice, chunk, events, block)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?) USING TTL ?";
  }

  /**
   * Adds the writing of the events to Cassandra; returns the dead letters of the rows Cassandra
   * refused.
   */
  public static SingleOutputStreamOperator<DeadLetter> attach(
      DataStream<LogEvent> events, CassandraOptions options) {
    return attach(events, options, LIMITS, CassandraStreamRow::of);
  }

  /** {@link #attach(DataStream, CassandraOptions)} with other limits and rows (tests). */
  static SingleOutputStreamOperator<DeadLetter> attach(
      DataStream<LogEvent> events,
      CassandraOptions options,
      CassandraStreamWriter.Limits limits,
      CassandraStreamWriter.RowMapping rows) {
    return events
        .transform(NAME, TypeInformation.of(DeadLetter.class), operator(options, limits, rows))
        .uid(UID);
  }

  static CassandraStreamOperator operator(
      CassandraOptions options,
      CassandraStreamWriter.Limits limits,
      CassandraStreamWriter.RowMapping rows) {
    return new CassandraStreamOperator(
        new ContactPointsClusterBuilder(options.contactPoints(), options.datacenter()),
        options.keyspace(),
        limits,
        rows,
        CHECKPOINT_WAIT,
        FINISH_TIMEOUT);
  }

  /** Connects to the configured {@code host:port} contact points, local datacenter first. */
  public static final class ContactPointsClusterBuilder extends ClusterBuilder {
    private static final long serialVersionUID = 1L;

    private static final long RECONNECT_MS = 1_000;

    private final ArrayList<ContactPoint> contactPoints;
    private final String localDatacenter;

    public ContactPointsClusterBuilder(List<ContactPoint> contactPoints, String localDatacenter) {
      this.contactPoints = new ArrayList<>(contactPoints);
      this.localDatacenter = localDatacenter;
    }

    @Override
    protected Cluster buildCluster(Cluster.Builder builder) {
      List<InetSocketAddress> addresses = new ArrayList<>();
      for (ContactPoint p : contactPoints) {
        addresses.add(new InetSocketAddress(p.host(), p.port()));
      }
      return builder
          .addContactPointsWithPorts(addresses)
          // Reconnect to a node that was down within a second of its return (the driver's
          // default waits up to 10 minutes between attempts).
          .withReconnectionPolicy(new ConstantReconnectionPolicy(RECONNECT_MS))
          .withLoadBalancingPolicy(
              new TokenAwarePolicy(
                  DCAwareRoundRobinPolicy.builder().withLocalDc(localDatacenter).build()))
          .withCodecRegistry(
              new CodecRegistry()
                  .register(JavaTimeCodecs.LocalDateCodec.INSTANCE)
                  .register(JavaTimeCodecs.InstantCodec.INSTANCE))
          .build();
    }
  }
}
