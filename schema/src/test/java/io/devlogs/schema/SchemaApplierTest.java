package io.devlogs.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SchemaApplierTest {

  @Test
  void clickHouseServerUrlDropsTheDatabaseAndTurnsCompressionOff() {
    assertThat(ClickHouseSchema.serverUrl("jdbc:clickhouse://ch.internal:8123/devlogs?ssl=false"))
        .isEqualTo("jdbc:clickhouse://ch.internal:8123?compress=false");
    assertThat(ClickHouseSchema.serverUrl("jdbc:clickhouse://127.0.0.1/devlogs"))
        .isEqualTo("jdbc:clickhouse://127.0.0.1:8123?compress=false");
  }

  @Test
  void clickHouseUrlOfAnotherKindIsRejectedWithTheKeyName() {
    assertThatThrownBy(() -> ClickHouseSchema.serverUrl("http://127.0.0.1:8123"))
        .hasMessageContaining("clickhouse.url");
  }

  @Test
  void kafkaTopicsFileListsRawParsedAndDeadLetterTopics() throws Exception {
    assertThat(KafkaTopics.readTopics(Path.of("ddl/kafka/topics.properties"), (short) 1))
        .extracting(t -> t.name() + "/" + t.numPartitions() + "/" + t.replicationFactor())
        .containsExactly(
            "devlogs-alerts/1/1",
            "devlogs-dead-letter/1/1",
            "devlogs-parsed/2/1",
            "devlogs-raw/2/1");
  }
}
