package io.devlogs.flink.sinks;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.CodecRegistry;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.policies.DCAwareRoundRobinPolicy;
import com.datastax.driver.core.policies.TokenAwarePolicy;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.config.PipelineOptions.ContactPoint;
import io.devlogs.flink.records.LogEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.connectors.cassandra.ClusterBuilder;

/**
 * Writes events to Cassandra {@code stream_events} ({@link CassandraStreamWriter}: rows grouped by
 * partition into unlogged batches, asynchronous with bounded requests in flight).
 *
 * <p><b>Delivery guarantee: exactly-once effect through idempotent upserts.</b> Every checkpoint
 * waits until all pending writes are acknowledged, so nothing of a completed checkpoint is lost.
 * After a failure the job replays from the last checkpoint and writes some rows again; a row's
 * primary key (project, stream, day, ts, event_id) and values are the same on replay, so the
 * replayed write overwrites the row with itself.
 *
 * <p>Rows are written {@code USING TTL} of the event's retention (7, 30 or 365 days from the
 * write), so Cassandra expires them by itself.
 */
public final class CassandraStreamSink implements Sink<LogEvent> {

  private static final long serialVersionUID = 1L;

  public static final String NAME = "Cassandra stream events";
  public static final String UID = "cassandra-stream-events-sink";

  /**
   * Rows buffered per writer before they are sent; a stream's events arrive close together, so a
   * larger buffer finds more rows of the same partition to batch.
   */
  static final int MAX_BUFFERED_ROWS = 2_000;

  /**
   * Rows per batch: keeps a batch of ~300-byte events under Cassandra's batch size warning (5 KiB)
   * and far under its failure threshold (50 KiB).
   */
  static final int MAX_ROWS_PER_BATCH = 16;

  static final int MAX_REQUESTS_IN_FLIGHT = 64;

  /** Gauge of the write requests (single rows and batches) a writer sent. */
  public static final String REQUESTS_METRIC = "cassandraWriteRequests";

  static final Duration ACK_TIMEOUT = Duration.ofMinutes(1);

  private final ClusterBuilder clusterBuilder;
  private final String keyspace;
  private final CassandraStreamWriter.Limits limits;

  CassandraStreamSink(
      ClusterBuilder clusterBuilder, String keyspace, CassandraStreamWriter.Limits limits) {
    this.clusterBuilder = clusterBuilder;
    this.keyspace = keyspace;
    this.limits = limits;
  }

  /** The upsert, for a keyspace: the row's columns, then its TTL in seconds. */
  public static String insertCql(String keyspace) {
    return "INSERT INTO "
        + keyspace
        + ".stream_events ("
        + CassandraStreamRow.COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?";
  }

  /** Adds the sink to a stream of events. */
  public static DataStreamSink<LogEvent> attach(DataStream<LogEvent> events, PipelineOptions o) {
    return events.sinkTo(create(o)).name(NAME).uid(UID);
  }

  /** The sink with the production limits. */
  public static CassandraStreamSink create(PipelineOptions options) {
    return new CassandraStreamSink(
        new ContactPointsClusterBuilder(
            options.cassandraContactPoints(), options.cassandraDatacenter()),
        options.cassandraKeyspace(),
        new CassandraStreamWriter.Limits(
            MAX_BUFFERED_ROWS, MAX_ROWS_PER_BATCH, MAX_REQUESTS_IN_FLIGHT, ACK_TIMEOUT));
  }

  @Override
  @SuppressWarnings("deprecation")
  public SinkWriter<LogEvent> createWriter(InitContext context) throws IOException {
    return withMetrics(writer(), context.metricGroup());
  }

  @Override
  public SinkWriter<LogEvent> createWriter(WriterInitContext context) throws IOException {
    return withMetrics(writer(), context.metricGroup());
  }

  /** Rows per request (the batching's effect) is numRecordsIn / cassandraWriteRequests. */
  private static CassandraStreamWriter withMetrics(
      CassandraStreamWriter writer, MetricGroup group) {
    group.gauge(REQUESTS_METRIC, (Gauge<Long>) writer::requests);
    return writer;
  }

  CassandraStreamWriter writer() throws IOException {
    Cluster cluster = clusterBuilder.getCluster();
    try {
      Session session = cluster.connect();
      return new CassandraStreamWriter(
          session, session.prepare(insertCql(keyspace)), limits, cluster);
    } catch (RuntimeException e) {
      cluster.close();
      throw new IOException("Connecting to Cassandra for " + keyspace + ".stream_events failed", e);
    }
  }

  /** Connects to the configured {@code host:port} contact points, local datacenter first. */
  public static final class ContactPointsClusterBuilder extends ClusterBuilder {
    private static final long serialVersionUID = 1L;

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
