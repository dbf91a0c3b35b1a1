package io.devlogs.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.flink.config.PipelineOptions.ContactPoint;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineOptionsTest {

  @Test
  void defaultsAreTheLocalStack() {
    PipelineOptions o = PipelineOptions.fromArgs(new String[0]);
    assertThat(o.kafkaBootstrapServers()).isEqualTo("127.0.0.1:19092");
    assertThat(o.rawTopic()).isEqualTo("devlogs-raw");
    assertThat(o.groupId()).isEqualTo("devlogs-log-pipeline");
    assertThat(o.deadLetterTopic()).isEqualTo("devlogs-dead-letter");
    assertThat(o.clickhouseUrl())
        .isEqualTo("jdbc:clickhouse://127.0.0.1:18123/devlogs?compress=false");
    assertThat(o.clickhouseUser()).isEqualTo("default");
    assertThat(o.clickhousePassword()).isEmpty();
    assertThat(o.cassandraContactPoints()).containsExactly(new ContactPoint("127.0.0.1", 19042));
    assertThat(o.cassandraKeyspace()).isEqualTo("devlogs");
    assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.parsedTopic()).isEqualTo("devlogs-parsed");
    assertThat(o.parsedTransactionalIdPrefix()).isEqualTo("devlogs-log-pipeline-parsed");
    assertThat(o.enrich().postgresUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/devlogs");
    assertThat(o.enrich().postgresUser()).isEqualTo("devlogs");
    assertThat(o.enrich().settingsRefresh()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.enrich().dedupWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(o.enrich().toString()).doesNotContain("password=devlogs");
  }

  @Test
  void enrichmentOptionsAreValidated() {
    PipelineOptions o =
        PipelineOptions.fromArgs(
            new String[] {
              "--settings.refresh=250ms",
              "--dedup.window",
              "1h",
              "--postgres.url",
              "jdbc:postgresql://pg:5432/devlogs"
            });
    assertThat(o.enrich().settingsRefresh()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.enrich().dedupWindow()).isEqualTo(Duration.ofHours(1));
    assertThat(o.enrich().postgresUrl()).isEqualTo("jdbc:postgresql://pg:5432/devlogs");
    assertThatThrownBy(() -> PipelineOptions.fromMap(Map.of("settings.refresh", "soon")))
        .hasMessageContaining("settings.refresh 'soon' is not a duration");
    assertThatThrownBy(() -> PipelineOptions.fromMap(Map.of("settings.refresh", "10ms")))
        .hasMessageContaining("settings.refresh must be at least 100ms");
    assertThatThrownBy(() -> PipelineOptions.fromMap(Map.of("dedup.window", "0s")))
        .hasMessageContaining("dedup.window must be at least 1s");
    assertThatThrownBy(() -> PipelineOptions.fromMap(Map.of("postgres.url", "jdbc:mysql://x")))
        .hasMessageContaining("postgres.url must start with jdbc:postgresql:");
  }

  @Test
  void argumentsInBothForms() {
    PipelineOptions o =
        PipelineOptions.fromArgs(
            new String[] {
              "--kafka.bootstrap-servers",
              "b1:9092,b2:9092",
              "--clickhouse.url=jdbc:clickhouse://ch:8123/logs?socket_timeout=30000",
              "--cassandra.contact-points",
              "c1:9042, c2, [::1]:9043",
              "--checkpoint.interval",
              "500ms",
              "--kafka.group-id=devlogs-bench-1"
            });
    assertThat(o.kafkaBootstrapServers()).isEqualTo("b1:9092,b2:9092");
    assertThat(o.clickhouseUrl())
        .isEqualTo("jdbc:clickhouse://ch:8123/logs?socket_timeout=30000&compress=false");
    assertThat(o.cassandraContactPoints())
        .containsExactly(
            new ContactPoint("c1", 9042),
            new ContactPoint("c2", 9042),
            new ContactPoint("::1", 9043));
    assertThat(o.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.groupId()).isEqualTo("devlogs-bench-1");
  }

  @Test
  void compressIsForcedOff() {
    assertThat(PipelineOptions.withCompressFalse("jdbc:clickhouse://h:1/d?compress=1&x=y"))
        .isEqualTo("jdbc:clickhouse://h:1/d?compress=false&x=y");
  }

  @Test
  void badValuesSayHowToFixThem() {
    assertThatThrownBy(() -> PipelineOptions.fromMap(Map.of("cassandra.contact-points", "h:x")))
        .hasMessageContaining("'h:x' is not host:port");
    assertThatThrownBy(() -> PipelineOptions.fromMap(Map.of("checkpoint.interval", "often")))
        .hasMessageContaining("use e.g. 10s");
    assertThatThrownBy(() -> PipelineOptions.fromMap(Map.of("clickhouse.url", "http://x")))
        .hasMessageContaining("must start with jdbc:clickhouse://");
    assertThatThrownBy(() -> PipelineOptions.fromMap(Map.of("cassandra.keyspace", "a;drop")))
        .hasMessageContaining("not a plain CQL identifier");
    assertThatThrownBy(
            () ->
                PipelineOptions.fromMap(
                    Map.of(
                        "kafka.parsed-transactional-id-prefix",
                        "devlogs-log-pipeline-dead-letters")))
        .hasMessageContaining("fence each other's transactions");
  }
}
