package io.devlogs.ops.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.KafkaKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {

  @Test
  void everySettingTheJobReadsThatIsSetIsForwardedAndNothingElse() {
    Settings settings =
        Settings.of(
            Map.of(
                "clickhouse.password", "s3cret",
                "postgres.password", "pg",
                "cassandra.datacenter", "dc2",
                "kafka.bootstrap-servers", "127.0.0.1:19092",
                "ingest.port", "18080"));
    assertThat(JobArguments.forwarded(settings))
        .containsExactlyInAnyOrder(
            "--clickhouse.password=s3cret",
            "--postgres.password=pg",
            "--cassandra.datacenter=dc2",
            "--kafka.bootstrap-servers=127.0.0.1:19092");
  }

  @Test
  void anEmptyValueIsForwardedAsSet() {
    assertThat(JobArguments.forwarded(Settings.of(Map.of("clickhouse.password", ""))))
        .containsExactly("--clickhouse.password=");
  }

  @Test
  void overridesReplaceOrAdd() {
    Settings settings = Settings.of(Map.of("kafka.raw-topic", "devlogs-raw"));
    assertThat(
            JobArguments.forwarded(
                settings,
                Map.of(KafkaKeys.RAW_TOPIC, "bench-topic", KafkaKeys.GROUP_ID, "bench-group")))
        .containsExactlyInAnyOrder("--kafka.raw-topic=bench-topic", "--kafka.group-id=bench-group");
  }
}
