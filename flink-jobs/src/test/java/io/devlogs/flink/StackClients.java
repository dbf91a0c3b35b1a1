package io.devlogs.flink;

import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.testing.Poll;
import io.devlogs.topics.RawRecord;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Clients of the local stack's servers for the integration tests, built from job options. */
public final class StackClients {

  private StackClients() {}

  /** Client properties with only the bootstrap servers set. */
  public static Properties kafkaProperties(PipelineOptions options) {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, options.kafka().bootstrapServers());
    return p;
  }

  /**
   * Creates the topics (replication factor 1), waiting for the broker to confirm and for the leader
   * of every partition to answer: the first produce into a partition whose leader is not serving
   * yet fails with NOT_LEADER_OR_FOLLOWER and can leave the idempotent producer retrying
   * out-of-order sequences until its records expire.
   */
  public static void createTopics(PipelineOptions options, int partitions, String... topics)
      throws Exception {
    try (Admin admin = Admin.create(kafkaProperties(options))) {
      admin
          .createTopics(
              Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList())
          .all()
          .get(30, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> all = new HashMap<>();
      for (String topic : topics) {
        for (int p = 0; p < partitions; p++) {
          all.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
      }
      Poll.until(
          Duration.ofSeconds(60),
          () -> {
            try {
              admin.listOffsets(all).all().get(30, TimeUnit.SECONDS);
              return true;
            } catch (ExecutionException e) {
              return false; // no leader yet
            }
          },
          "the leaders of " + Arrays.toString(topics) + " to answer");
    }
  }

  /** The topics a job under test writes and reads: raw, dead letters and parsed. */
  private static String[] jobTopics(PipelineOptions options) {
    return new String[] {
      options.kafka().rawTopic(),
      options.kafka().deadLetters().topic(),
      options.kafka().parsed().topic()
    };
  }

  /** Creates the job's own topics ({@link #createTopics}). */
  public static void createJobTopics(PipelineOptions options, int partitions) throws Exception {
    createTopics(options, partitions, jobTopics(options));
  }

  /** Deletes the job's own topics, without waiting. */
  public static void deleteJobTopics(PipelineOptions options) {
    deleteTopics(options, jobTopics(options));
  }

  /** Deletes the topics, without waiting. */
  public static void deleteTopics(PipelineOptions options, String... topics) {
    try (Admin admin = Admin.create(kafkaProperties(options))) {
      admin.deleteTopics(List.of(topics));
    }
  }

  /** A producer that writes like ingest does: acks=all, idempotent. */
  public static KafkaProducer<byte[], byte[]> producer(PipelineOptions options) {
    Properties p = kafkaProperties(options);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * One JSON event as an app sends it: {@code fields} ({@code "ms": 20}) besides the usual ones,
   * empty for none.
   */
  public static String eventJson(
      String id, Instant time, String level, String service, String message, String fields) {
    return "{\"id\":\""
        + id
        + "\",\"ts\":\""
        + time
        + "\",\"level\":\""
        + level
        + "\",\"service\":\""
        + service
        + "\",\"msg\":\""
        + message
        + "\""
        + (fields.isEmpty() ? "" : "," + fields)
        + "}";
  }

  /**
   * A raw-topic record of one JSON event as ingest writes it at {@code received}: keyed by the
   * project, with the project and received-time headers.
   */
  public static ProducerRecord<byte[], byte[]> rawRecord(
      PipelineOptions options, String project, Instant received, String json) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(options.kafka().rawTopic(), bytes(project), bytes(json));
    record.headers().add(RawRecord.HEADER_PROJECT, bytes(project));
    record
        .headers()
        .add(RawRecord.HEADER_RECEIVED_MS, bytes(Long.toString(received.toEpochMilli())));
    return record;
  }

  /**
   * A ClickHouse connection through the legacy driver, instantiated directly: DriverManager would
   * pick the jar's new driver, which fails on ClickHouse 18.16.
   */
  public static Connection clickHouse(PipelineOptions options) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", options.clickhouse().user());
    p.setProperty("password", options.clickhouse().password());
    return new ru.yandex.clickhouse.ClickHouseDriver().connect(options.clickhouse().url(), p);
  }

  /** A single number from ClickHouse, e.g. a {@code count()}. */
  public static long clickHouseLong(PipelineOptions options, String sql) throws SQLException {
    try (Connection c = clickHouse(options);
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Events of one Cassandra {@code stream_chunks} partition (project, stream, UTC day), as read.
   */
  public static long cassandraCount(
      PipelineOptions options, String project, String stream, java.time.LocalDate day) {
    return cassandraEvents(options, project, stream, day).size();
  }

  /** An event read from a chunk, with the TTL its chunk was written with. */
  public record StoredStreamEvent(io.devlogs.streams.StreamChunkEvent event, int ttlSeconds) {}

  /**
   * The events of one Cassandra {@code stream_chunks} partition (project, stream, UTC day) as the
   * query service reads them: in stream order, each (ts, event_id) of a slice once.
   */
  public static List<StoredStreamEvent> cassandraEvents(
      PipelineOptions options, String project, String stream, java.time.LocalDate day) {
    try (com.datastax.driver.core.Cluster cluster =
            new io.devlogs.flink.sinks.CassandraStreamSink.ContactPointsClusterBuilder(
                    options.cassandra().contactPoints(), options.cassandra().datacenter())
                .getCluster();
        com.datastax.driver.core.Session session = cluster.connect()) {
      return cassandraEvents(session, options, project, stream, day);
    }
  }

  /**
   * {@link #cassandraEvents(PipelineOptions, String, String, java.time.LocalDate)} on a session.
   */
  public static List<StoredStreamEvent> cassandraEvents(
      com.datastax.driver.core.Session session,
      PipelineOptions options,
      String project,
      String stream,
      java.time.LocalDate day) {
    List<StoredStreamEvent> events = new java.util.ArrayList<>();
    List<List<io.devlogs.streams.StreamChunkEvent>> sliceChunks = new java.util.ArrayList<>();
    Map<String, Integer> ttls = new java.util.HashMap<>();
    java.util.Date slice = null;
    for (com.datastax.driver.core.Row row :
        session.execute(
            "SELECT slice, block, TTL(block) AS ttl FROM "
                + options.cassandra().keyspace()
                + ".stream_chunks WHERE project = ? AND stream = ? AND day = ?",
            project,
            stream,
            com.datastax.driver.core.LocalDate.fromDaysSinceEpoch((int) day.toEpochDay()))) {
      if (!row.getTimestamp("slice").equals(slice)) {
        addSlice(events, sliceChunks, ttls);
        slice = row.getTimestamp("slice");
      }
      java.nio.ByteBuffer block = row.getBytes("block");
      byte[] bytes = new byte[block.remaining()];
      block.get(bytes);
      List<io.devlogs.streams.StreamChunkEvent> chunk =
          io.devlogs.streams.StreamChunkCodec.decode(bytes);
      for (io.devlogs.streams.StreamChunkEvent e : chunk) {
        ttls.putIfAbsent(e.tsMillis() + "/" + e.eventId(), row.getInt("ttl"));
      }
      sliceChunks.add(chunk);
    }
    addSlice(events, sliceChunks, ttls);
    return events;
  }

  private static void addSlice(
      List<StoredStreamEvent> events,
      List<List<io.devlogs.streams.StreamChunkEvent>> sliceChunks,
      Map<String, Integer> ttls) {
    for (io.devlogs.streams.StreamChunkEvent e :
        io.devlogs.streams.StreamChunks.merge(sliceChunks)) {
      events.add(new StoredStreamEvent(e, ttls.get(e.tsMillis() + "/" + e.eventId())));
    }
    sliceChunks.clear();
    ttls.clear();
  }

  /** The last header of that name as UTF-8, or null. */
  public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** UTF-8 bytes of a string. */
  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
