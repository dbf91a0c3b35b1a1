package io.devlogs.schema;

import io.devlogs.settings.HostPorts;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.CassandraKeys;
import io.devlogs.settings.keys.ClickHouseKeys;
import io.devlogs.settings.keys.KafkaKeys;
import io.devlogs.settings.keys.PostgresKeys;
import io.devlogs.settings.keys.SchemaKeys;
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
 * <p>Options: {@link SchemaKeys} (the DDL folder, the stores to apply, how long to retry a store
 * that is not accepting connections yet) and the connection keys of each store.
 */
public final class SchemaApplier {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaApplier.class);

  private SchemaApplier() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromEnvironment(args);
    Path root = Path.of(settings.get(SchemaKeys.DIR));
    List<String> only = Arrays.asList(settings.get(SchemaKeys.ONLY).split(","));
    Duration timeout = Duration.ofSeconds(settings.get(SchemaKeys.TIMEOUT_SECONDS));

    for (SchemaTarget target : targets(settings)) {
      if (only.contains(target.name())) {
        applyWithRetry(target, root.resolve(target.name()), timeout);
      }
    }
  }

  static List<SchemaTarget> targets(Settings settings) {
    return List.of(
        new PostgresSchema(
            settings.get(PostgresKeys.URL),
            settings.get(PostgresKeys.USER),
            settings.get(PostgresKeys.PASSWORD)),
        new ClickHouseSchema(
            settings.get(ClickHouseKeys.URL),
            settings.get(ClickHouseKeys.USER),
            settings.get(ClickHouseKeys.PASSWORD)),
        new CassandraSchema(
            HostPorts.parse(
                CassandraKeys.CONTACT_POINTS.key(), settings.get(CassandraKeys.CONTACT_POINTS)),
            settings.get(CassandraKeys.DATACENTER),
            settings.get(CassandraKeys.REPLICATION)),
        new KafkaTopics(
            settings.get(KafkaKeys.BOOTSTRAP_SERVERS),
            settings.get(KafkaKeys.REPLICATION_FACTOR).shortValue()));
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
