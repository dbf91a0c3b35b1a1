package io.devlogs.query.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.records.LogEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickHouseLogSearchTest {
  @Test
  void rowMappingCombinesSecondsAndNanosAndZipsAttributes() {
    LogEvent event =
        ClickHouseLogSearch.toEvent(
            "e1",
            Instant.parse("2024-05-01T10:00:00Z").getEpochSecond(),
            123_456_789,
            "ERROR",
            "api",
            "run-1",
            "boom",
            new String[] {"http.status", "user", "dangling"},
            new String[] {"500", "alice"});
    assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-05-01T10:00:00.123456789Z"));
    assertThat(event.attributes())
        .containsExactly(Map.entry("http.status", "500"), Map.entry("user", "alice"));
    assertThat(event.id()).isEqualTo("e1");
    assertThat(event.level()).isEqualTo("ERROR");
    assertThat(event.stream()).isEqualTo("run-1");
  }
}
