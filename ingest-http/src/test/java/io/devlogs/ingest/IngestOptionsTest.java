package io.devlogs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.ingest.limits.IngestLimits;
import io.devlogs.limits.Rate;
import io.devlogs.settings.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestOptionsTest {

  @Test
  void defaultsAreTheRegistrys() {
    IngestOptions options = IngestOptions.defaults();
    assertThat(options.host()).isEqualTo("0.0.0.0");
    assertThat(options.port()).isEqualTo(18080);
    assertThat(options.limits()).isEqualTo(IngestLimits.DEFAULT);
    assertThat(options.limits().maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(options.rateLimits().events()).isEqualTo(new Rate(50_000, 100_000));
    assertThat(options.kafka().bootstrapServers()).isEqualTo("127.0.0.1:19092");
    assertThat(options.kafka().rawTopic()).isEqualTo("devlogs-raw");
    assertThat(options.sendTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.readiness().timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.readiness().cacheFor()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.tls()).isEmpty();
    assertThat(options.deadLetters().user()).isEqualTo("devlogs_reader");
    assertThat(options.postgres().url()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/devlogs");
  }

  @Test
  void everyConcernReadsItsOwnKeys() {
    IngestOptions options =
        IngestOptions.from(
            Settings.of(
                Map.of(
                    "ingest.host", "127.0.0.1",
                    "ingest.port", "28080",
                    "kafka.bootstrap-servers", "kafka:9092",
                    "kafka.raw-topic", "raw",
                    "ingest.send-timeout-ms", "700",
                    "ingest.readiness-cache-ms", "10",
                    "ingest.clickhouse-password", "reader-secret",
                    "postgres.password", "pg-secret")));
    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.port()).isEqualTo(28080);
    assertThat(options.kafka().bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(options.kafka().rawTopic()).isEqualTo("raw");
    assertThat(options.sendTimeout()).isEqualTo(Duration.ofMillis(700));
    assertThat(options.readiness().cacheFor()).isEqualTo(Duration.ofMillis(10));
    assertThat(options.deadLetters().password()).isEqualTo("reader-secret");
    assertThat(options.postgres().password()).isEqualTo("pg-secret");
    assertThat(options.deadLetters().toString()).doesNotContain("reader-secret");
    assertThat(options.postgres().toString()).doesNotContain("pg-secret");
  }

  @Test
  void badValuesSayWhichSettingAndHowToFixIt() {
    assertThatThrownBy(() -> IngestOptions.from(Settings.of(Map.of("ingest.port", "80000"))))
        .hasMessageContaining("'ingest.port'")
        .hasMessageContaining("DEVLOGS_INGEST_PORT");
    assertThatThrownBy(
            () -> IngestOptions.from(Settings.of(Map.of("ingest.send-timeout-ms", "10"))))
        .hasMessageContaining("at least 100 ms")
        .hasMessageContaining("ingest.send-timeout-ms");
    assertThatThrownBy(
            () ->
                IngestOptions.from(
                    Settings.of(Map.of("clickhouse.url", "http://127.0.0.1:18123/devlogs"))))
        .hasMessageContaining("clickhouse.url must look like jdbc:clickhouse://host:port/database");
  }
}
