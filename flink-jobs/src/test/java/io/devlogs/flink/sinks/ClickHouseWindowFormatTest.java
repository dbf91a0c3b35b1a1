package io.devlogs.flink.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogWindow;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickHouseWindowFormatTest {

  private static final ClickHouseWindowFormat FORMAT = new ClickHouseWindowFormat();

  private static LogWindow window(String minute) {
    return new LogWindow(
        "p_1",
        "api",
        Level.ERROR,
        Instant.parse(minute).toEpochMilli(),
        7,
        700,
        7,
        2,
        0.0001,
        0.0001,
        12_345.678,
        0.0001,
        12_345.678,
        12_345.678,
        new int[] {1, 530},
        new long[] {1, 1},
        1_714_730_400_000_123L);
  }

  private static JsonNode written(ClickHouseWindowFormat format, LogWindow window)
      throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      format.writeFields(window, g);
      g.writeEndObject();
    }
    return new ObjectMapper().readTree(out.toString());
  }

  private static List<String> names(JsonNode row) {
    List<String> names = new ArrayList<>();
    row.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void writesEveryColumnOfTheTableInOrder() throws Exception {
    JsonNode row = written(FORMAT, window("2024-05-31T23:59:00Z"));
    List<String> names = names(row);
    assertThat(names).containsExactlyElementsOf(FORMAT.columns());
    assertThat(names)
        .containsExactlyElementsOf(
            DdlColumns.writtenByTheSink("003_event_windows.sql", "devlogs.event_windows"));
    assertThat(row.get("level").asText()).isEqualTo("ERROR");
    assertThat(row.get("minute").asText()).isEqualTo("2024-05-31 23:59:00");
    assertThat(row.get("events").asLong()).isEqualTo(7);
    assertThat(row.get("latency_min").asDouble()).isEqualTo(0.0001);
    assertThat(row.get("latency_max").asDouble()).isEqualTo(12_345.678);
    assertThat(row.get("latency_bucket_ids").toString()).isEqualTo("[1,530]");
    assertThat(row.get("latency_bucket_counts").toString()).isEqualTo("[1,1]");
    assertThat(row.get("version").asLong()).isEqualTo(1_714_730_400_000_123L);
  }

  @Test
  void partitionIsTheUtcMonthOfTheMinuteAndEachVersionIsItsOwnKey() {
    assertThat(FORMAT.partitionExpression()).isEqualTo("toYYYYMM(minute)");
    assertThat(FORMAT.partitionOf(window("2024-05-31T23:59:00Z"))).isEqualTo(202405L);
    assertThat(FORMAT.partitionOf(window("2024-06-01T00:00:00Z"))).isEqualTo(202406L);
    assertThat(FORMAT.partitionOf(window("1969-12-31T23:59:00Z"))).isEqualTo(196912L);
    assertThat(FORMAT.keyColumns()).contains("version").isSubsetOf(FORMAT.columns());
  }

  @Test
  void hourRowsAreTheSameColumnsOfEventHoursWithTheHourAsTime() throws Exception {
    ClickHouseWindowFormat hours = ClickHouseWindowFormat.hours();
    JsonNode row = written(hours, window("2024-05-31T23:00:00Z"));
    assertThat(names(row))
        .containsExactlyElementsOf(hours.columns())
        .containsExactlyElementsOf(
            DdlColumns.writtenByTheSink("007_event_hours.sql", "devlogs.event_hours"));
    assertThat(row.get("hour").asText()).isEqualTo("2024-05-31 23:00:00");
    assertThat(hours.partitionExpression()).isEqualTo("toYYYYMM(hour)");
    assertThat(hours.partitionOf(window("2024-05-31T23:00:00Z"))).isEqualTo(202405L);
    assertThat(hours.keyColumns())
        .containsExactly("project", "hour", "service", "level", "version");
  }
}
