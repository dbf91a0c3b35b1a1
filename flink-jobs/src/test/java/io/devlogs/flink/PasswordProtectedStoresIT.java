package io.devlogs.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.settings.Setting;
import io.devlogs.settings.keys.ClickHouseKeys;
import io.devlogs.settings.keys.JobKeys;
import io.devlogs.settings.keys.KafkaKeys;
import io.devlogs.settings.keys.PostgresKeys;
import io.devlogs.testing.Poll;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job against a ClickHouse user and a PostgreSQL role that have passwords, configured only
 * through the environment: a child JVM runs {@link LogPipelineJob#main} with no arguments and its
 * {@code DEVLOGS_*} variables (the job executes in that JVM's local MiniCluster), as a launcher or
 * a user's cluster would start it. Events must arrive in ClickHouse, written by the
 * password-protected user, while the job reads project settings as the password-protected role.
 */
class PasswordProtectedStoresIT {

  /** The writer with a password in {@code stack/clickhouse/users.xml}. */
  private static final String CLICKHOUSE_WRITER = "devlogs_writer";

  private static final String CLICKHOUSE_WRITER_PASSWORD = "devlogs_writer";
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final int EVENTS = 20;

  private final String suffix = TestOptions.randomBase62(10);
  private final String project = "p_pw" + suffix;

  /**
   * A PostgreSQL role with a password of this run that may read project settings, created by the
   * stack's user (the launcher lets it create roles).
   */
  private static final String ROLE = "devlogs_job_it";

  private final String rolePassword = "pw-" + TestOptions.randomBase62(16);
  private final Map<String, String> topics =
      Map.of(
          KafkaKeys.RAW_TOPIC.key(), "devlogs-it-pw-raw-" + suffix,
          KafkaKeys.DEAD_LETTER_TOPIC.key(), "devlogs-it-pw-dlq-" + suffix,
          KafkaKeys.PARSED_TOPIC.key(), "devlogs-it-pw-parsed-" + suffix);
  private PipelineOptions options;
  private Process job;

  @BeforeEach
  void setUp() throws Exception {
    options = TestOptions.options(topics);
    StackClients.createTopics(options, 1, topics.values().toArray(new String[0]));
    try (Connection c = postgres();
        Statement s = c.createStatement()) {
      boolean exists =
          s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + ROLE + "'").next();
      s.execute(
          (exists ? "ALTER" : "CREATE")
              + " ROLE "
              + ROLE
              + " LOGIN PASSWORD '"
              + rolePassword
              + "'");
      s.execute("GRANT SELECT ON project_settings TO " + ROLE);
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    if (job != null) {
      job.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    StackClients.deleteTopics(options, topics.values().toArray(new String[0]));
  }

  @Test
  void eventsArriveWithPasswordsGivenOnlyInTheEnvironment() throws Exception {
    produceEvents();

    ProcessBuilder child =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            LogPipelineJob.class.getName());
    Map<String, String> env = child.environment();
    topics.forEach((key, value) -> env.put(Setting.environmentVariable(key), value));
    env.put(KafkaKeys.GROUP_ID.environmentVariable(), "devlogs-it-pw-" + suffix);
    env.put(
        KafkaKeys.DEAD_LETTER_TRANSACTIONAL_ID_PREFIX.environmentVariable(),
        "devlogs-it-pw-dlq-" + suffix);
    env.put(
        KafkaKeys.PARSED_TRANSACTIONAL_ID_PREFIX.environmentVariable(),
        "devlogs-it-pw-parsed-" + suffix);
    env.put(JobKeys.CHECKPOINT_INTERVAL.environmentVariable(), "1s");
    env.put(ClickHouseKeys.USER.environmentVariable(), CLICKHOUSE_WRITER);
    env.put(ClickHouseKeys.PASSWORD.environmentVariable(), CLICKHOUSE_WRITER_PASSWORD);
    env.put(PostgresKeys.USER.environmentVariable(), ROLE);
    env.put(PostgresKeys.PASSWORD.environmentVariable(), rolePassword);
    File log = new File("target/password-protected-stores-it-job.log");
    job = child.redirectErrorStream(true).redirectOutput(log).start();

    long stored =
        Poll.until(
            DEADLINE,
            () -> {
              assertThat(job.isAlive()).as("the job's JVM is running (see " + log + ")").isTrue();
              return StackClients.clickHouseLong(
                  options, "SELECT count() FROM events WHERE project = '" + project + "'");
            },
            n -> n >= EVENTS,
            "the job's events in ClickHouse");
    assertThat(stored).isEqualTo(EVENTS);
    assertThat(postgresSessionsOf(ROLE)).as("the job reads settings as " + ROLE).isPositive();
  }

  private void produceEvents() throws Exception {
    Instant base = Instant.now();
    try (KafkaProducer<byte[], byte[]> producer = StackClients.producer(options)) {
      for (int i = 0; i < EVENTS; i++) {
        Instant ts = base.plusMillis(i);
        ProducerRecord<byte[], byte[]> record =
            StackClients.rawRecord(
                options,
                project,
                ts,
                "{\"id\":\"pw-" + i + "\",\"ts\":\"" + ts + "\",\"msg\":\"event " + i + "\"}");
        producer.send(record).get();
      }
    }
  }

  private long postgresSessionsOf(String user) throws Exception {
    try (Connection c = postgres();
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE usename = ?")) {
      ps.setString(1, user);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The stack's own PostgreSQL user, which owns the schema. */
  private Connection postgres() throws Exception {
    return DriverManager.getConnection(
        options.enrich().postgres().url(),
        options.enrich().postgres().user(),
        options.enrich().postgres().password());
  }
}
