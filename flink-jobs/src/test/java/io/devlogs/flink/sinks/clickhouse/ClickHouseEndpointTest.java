package io.devlogs.flink.sinks.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClickHouseEndpointTest {

  @Test
  void httpEndpointOfTheContractsJdbcUrl() {
    ClickHouseEndpoint e =
        ClickHouseEndpoint.fromJdbcUrl(
            "jdbc:clickhouse://127.0.0.1:18123/devlogs?compress=false", "default", null);
    assertThat(e.httpUri()).hasToString("http://127.0.0.1:18123/");
    assertThat(e.database()).isEqualTo("devlogs");
    assertThat(e.password()).isEmpty();
    assertThat(e.qualify("events")).isEqualTo("devlogs.events");
    assertThat(e.qualify("other.events")).isEqualTo("other.events");
    assertThat(e.toString()).doesNotContain("password");
  }

  @Test
  void defaultsPortAndDatabase() {
    ClickHouseEndpoint e = ClickHouseEndpoint.fromJdbcUrl("jdbc:clickhouse://ch", "u", "p");
    assertThat(e.httpUri()).hasToString("http://ch:8123/");
    assertThat(e.database()).isEqualTo("default");
  }

  @Test
  void rejectsOtherUrls() {
    assertThatThrownBy(() -> ClickHouseEndpoint.fromJdbcUrl("http://ch:8123", "u", ""))
        .hasMessageContaining("jdbc:clickhouse://");
  }
}
