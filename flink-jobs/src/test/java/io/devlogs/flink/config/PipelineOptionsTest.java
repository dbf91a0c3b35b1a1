package io.devlogs.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.flink.config.CassandraOptions.ContactPoint;
import io.devlogs.settings.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineOptionsTest {

  /** The options of a job started with {@code args}, nothing else set. */
  private static PipelineOptions fromArgs(String... args) {
    return PipelineOptions.from(Settings.of(toMap(JobArguments.normalize(args))));
  }

  private static PipelineOptions fromMap(Map<String, String> values) {
    return PipelineOptions.from(Settings.of(values));
  }

  private static Map<String, String> toMap(String[] args) {
    Map<String, String> values = new java.util.HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      values.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return values;
  }

  @Test
  void defaultsAreTheLocalStack() {
    PipelineOptions o = fromArgs();
    assertThat(o.kafka().bootstrapServers()).isEqualTo("127.0.0.1:19092");
    assertThat(o.kafka().rawTopic()).isEqualTo("devlogs-raw");
    assertThat(o.kafka().groupId()).isEqualTo("devlogs-log-pipeline");
    assertThat(o.kafka().deadLetters().topic()).isEqualTo("devlogs-dead-letter");
    assertThat(o.clickhouse().url())
        .isEqualTo("jdbc:clickhouse://127.0.0.1:18123/devlogs?compress=false");
    assertThat(o.clickhouse().user()).isEqualTo("default");
    assertThat(o.clickhouse().password()).isEmpty();
    assertThat(o.cassandra().contactPoints()).containsExactly(new ContactPoint("127.0.0.1", 19042));
    assertThat(o.cassandra().keyspace()).isEqualTo("devlogs");
    assertThat(o.checkpoints().interval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.kafka().parsed().topic()).isEqualTo("devlogs-parsed");
    assertThat(o.kafka().parsed().transactionalIdPrefix()).isEqualTo("devlogs-log-pipeline-parsed");
    assertThat(o.enrich().postgres().url()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/devlogs");
    assertThat(o.enrich().postgres().user()).isEqualTo("devlogs");
    assertThat(o.enrich().settingsRefresh()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.enrich().dedupWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(o.enrich().toString()).doesNotContain("password=devlogs");
  }

  @Test
  void enrichmentOptionsAreValidated() {
    PipelineOptions o =
        fromArgs(
            "--settings.refresh=250ms",
            "--dedup.window",
            "1h",
            "--postgres.url",
            "jdbc:postgresql://pg:5432/devlogs");
    assertThat(o.enrich().settingsRefresh()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.enrich().dedupWindow()).isEqualTo(Duration.ofHours(1));
    assertThat(o.enrich().postgres().url()).isEqualTo("jdbc:postgresql://pg:5432/devlogs");
    assertThatThrownBy(() -> fromMap(Map.of("settings.refresh", "soon")))
        .hasMessageContaining("'settings.refresh' must be a duration")
        .hasMessageContaining("'soon'");
    assertThatThrownBy(() -> fromMap(Map.of("settings.refresh", "10ms")))
        .hasMessageContaining("settings.refresh must be at least 100ms");
    assertThatThrownBy(() -> fromMap(Map.of("dedup.window", "0s")))
        .hasMessageContaining("dedup.window must be at least 1s");
    assertThatThrownBy(() -> fromMap(Map.of("postgres.url", "jdbc:mysql://x")))
        .hasMessageContaining("postgres.url must start with jdbc:postgresql:");
  }

  @Test
  void argumentsInBothForms() {
    PipelineOptions o =
        fromArgs(
            "--kafka.bootstrap-servers",
            "b1:9092,b2:9092",
            "--clickhouse.url=jdbc:clickhouse://ch:8123/logs?socket_timeout=30000",
            "--cassandra.contact-points",
            "c1:9042, c2, [::1]:9043",
            "--checkpoint.interval",
            "500ms",
            "--kafka.group-id=devlogs-bench-1");
    assertThat(o.kafka().bootstrapServers()).isEqualTo("b1:9092,b2:9092");
    assertThat(o.clickhouse().url())
        .isEqualTo("jdbc:clickhouse://ch:8123/logs?socket_timeout=30000&compress=false");
    assertThat(o.cassandra().contactPoints())
        .containsExactly(
            new ContactPoint("c1", 9042),
            new ContactPoint("c2", 9042),
            new ContactPoint("::1", 9043));
    assertThat(o.checkpoints().interval()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.kafka().groupId()).isEqualTo("devlogs-bench-1");
  }

  @Test
  void aKeyWithoutAValueSaysHowToGiveOne() {
    assertThatThrownBy(() -> JobArguments.normalize(new String[] {"--kafka.group-id"}))
        .hasMessageContaining("--kafka.group-id=<value>");
  }

  @Test
  void compressIsForcedOff() {
    assertThat(ClickHouseOptions.withCompressFalse("jdbc:clickhouse://h:1/d?compress=1&x=y"))
        .isEqualTo("jdbc:clickhouse://h:1/d?compress=false&x=y");
  }

  @Test
  void checkpointsPauseHalfTheIntervalAtMostOneSecond() {
    assertThat(new CheckpointOptions(Duration.ofSeconds(10)).minPause())
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(new CheckpointOptions(Duration.ofMillis(500)).minPause())
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void badValuesSayHowToFixThem() {
    assertThatThrownBy(() -> fromMap(Map.of("cassandra.contact-points", "h:x")))
        .hasMessageContaining("'h:x' is not host:port");
    assertThatThrownBy(() -> fromMap(Map.of("checkpoint.interval", "often")))
        .hasMessageContaining("such as 500ms, 10s");
    assertThatThrownBy(() -> fromMap(Map.of("clickhouse.url", "http://x")))
        .hasMessageContaining("must start with jdbc:clickhouse://");
    assertThatThrownBy(() -> fromMap(Map.of("cassandra.keyspace", "a;drop")))
        .hasMessageContaining("not a plain CQL identifier");
    assertThatThrownBy(
            () ->
                fromMap(
                    Map.of(
                        "kafka.parsed-transactional-id-prefix",
                        "devlogs-log-pipeline-dead-letters")))
        .hasMessageContaining("fence each other's transactions");
  }
}
