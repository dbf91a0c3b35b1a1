package io.devlogs.schema;

import io.devlogs.settings.HostPorts;
import io.devlogs.settings.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the DDL of every store: PostgreSQL, ClickHouse, Cassandra and the Kafka topics. Every
 * file is written to be applied again safely, so this runs at every start of the stack.
 *
 * <p>Options (see {@link Settings}): {@code schema.dir} (default {@code schema/ddl}), {@code
 * schema.only} (comma list of stores), {@code schema.timeout-seconds} (how long to retry a store
 * that is not accepting connections yet), and the connection keys of each store.
 */
public final class SchemaApplier {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaApplier.class);

  private SchemaApplier() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromEnvironment(args);
    Path root = Path.of(settings.get("schema.dir", "schema/ddl"));
    List<String> only =
        Arrays.asList(
            settings.get("schema.only", "postgres,clickhouse,cassandra,kafka").split(","));
    Duration timeout = Duration.ofSeconds(settings.getInt("schema.timeout-seconds", 90));

    for (SchemaTarget target : targets(settings)) {
      if (only.contains(target.name())) {
        applyWithRetry(target, root.resolve(target.name()), timeout);
      }
    }
  }

  static List<SchemaTarget> targets(Settings settings) {
    return List.of(
        new PostgresSchema(
            settings.get("postgres.url", "jdbc:postgresql://127.0.0.1:15432/devlogs"),
            settings.get("postgres.user", "devlogs"),
            settings.get("postgres.password", "devlogs")),
        new ClickHouseSchema(
            settings.get("clickhouse.url", "jdbc:clickhouse://127.0.0.1:18123/devlogs"),
            settings.get("clickhouse.user", "default"),
            settings.get("clickhouse.password", "")),
        new CassandraSchema(
            HostPorts.parse(
                "cassandra.contact-points",
                settings.get("cassandra.contact-points", "127.0.0.1:19042")),
            settings.get("cassandra.datacenter", "datacenter1"),
            settings.get(
                "cassandra.replication", "{'class': 'SimpleStrategy', 'replication_factor': 1}")),
        new KafkaTopics(
            settings.get("kafka.bootstrap-servers", "127.0.0.1:19092"),
            (short) settings.getInt("kafka.replication-factor", 1)));
  }

  /** Retries, because a store may accept connections a moment after its port opens. */
  private static void applyWithRetry(SchemaTarget target, Path folder, Duration timeout)
      throws Exception {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        target.apply(folder);
        LOG.info(
            "{}: schema applied from {} in {} ms",
            target.name(),
            folder,
            (System.nanoTime() - started) / 1_000_000);
        return;
      } catch (Exception e) {
        if (System.nanoTime() > deadline || e instanceof IllegalArgumentException) {
          throw new IllegalStateException(
              target.name() + ": could not apply the schema from " + folder + ": " + e, e);
        }
        LOG.info("{}: not ready yet (attempt {}): {}", target.name(), attempt, e.getMessage());
        Thread.sleep(Math.min(2_000, 200L * attempt));
      }
    }
  }
}
