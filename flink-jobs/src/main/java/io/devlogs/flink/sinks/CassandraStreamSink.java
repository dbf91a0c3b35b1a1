package io.devlogs.flink.sinks;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.CodecRegistry;
import com.datastax.driver.core.policies.DCAwareRoundRobinPolicy;
import com.datastax.driver.core.policies.TokenAwarePolicy;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.config.PipelineOptions.ContactPoint;
import io.devlogs.flink.records.LogEvent;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.connectors.cassandra.CassandraSink;
import org.apache.flink.streaming.connectors.cassandra.ClusterBuilder;
import org.apache.flink.types.Row;

/**
 * Writes events to Cassandra {@code stream_events} with the Flink Cassandra connector.
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
public final class CassandraStreamSink {

  public static final String MAP_NAME = "Cassandra stream rows";
  public static final String MAP_UID = "cassandra-stream-rows";
  public static final String NAME = "Cassandra stream events";
  public static final String UID = "cassandra-stream-events-sink";

  static final int MAX_CONCURRENT_REQUESTS = 500;

  private CassandraStreamSink() {}

  /** The upsert, for a keyspace: the row's columns, then its TTL in seconds. */
  public static String insertCql(String keyspace) {
    return "INSERT INTO "
        + keyspace
        + ".stream_events ("
        + CassandraStreamRow.COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?";
  }

  /** Adds the row mapping and the sink to a stream of events. */
  public static CassandraSink<Row> attach(DataStream<LogEvent> events, PipelineOptions options)
      throws Exception {
    DataStream<Row> rows =
        events
            .map(event -> CassandraStreamRow.of(event).toRow())
            .returns(CassandraStreamRow.ROW_TYPE)
            .name(MAP_NAME)
            .uid(MAP_UID);
    return CassandraSink.addSink(rows)
        .setQuery(insertCql(options.cassandraKeyspace()))
        .setClusterBuilder(
            new ContactPointsClusterBuilder(
                options.cassandraContactPoints(), options.cassandraDatacenter()))
        .setMaxConcurrentRequests(MAX_CONCURRENT_REQUESTS)
        .build()
        .name(NAME)
        .uid(UID);
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
