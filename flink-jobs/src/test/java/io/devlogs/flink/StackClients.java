package io.devlogs.flink;

import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
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

  /** Rows of one Cassandra {@code stream_events} partition (project, stream, UTC day). */
  public static long cassandraCount(
      PipelineOptions options, String project, String stream, java.time.LocalDate day) {
    try (com.datastax.driver.core.Cluster cluster =
            new io.devlogs.flink.sinks.CassandraStreamSink.ContactPointsClusterBuilder(
                    options.cassandra().contactPoints(), options.cassandra().datacenter())
                .getCluster();
        com.datastax.driver.core.Session session = cluster.connect()) {
      return session
          .execute(
              "SELECT count(*) FROM "
                  + options.cassandra().keyspace()
                  + ".stream_events WHERE project = ? AND stream = ? AND day = ?",
              project,
              stream,
              com.datastax.driver.core.LocalDate.fromDaysSinceEpoch((int) day.toEpochDay()))
          .one()
          .getLong(0);
    }
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
