package io.devlogs.flink.sinks;

import com.fasterxml.jackson.core.JsonGenerator;
import io.devlogs.flink.patterns.PatternRow;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/** {@link PatternRow}s as rows of {@code devlogs.patterns}. */
public final class ClickHousePatternFormat implements ClickHouseRowFormat<PatternRow> {

  private static final long serialVersionUID = 1L;

  public static final List<String> COLUMNS =
      List.of("project", "pattern_id", "template", "first_seen", "example", "version");

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  /** The sorting key plus the version: each version of a pattern is its own row. */
  @Override
  public List<String> keyColumns() {
    return List.of("project", "pattern_id", "version");
  }

  @Override
  public String partitionExpression() {
    return "toYYYYMM(first_seen)";
  }

  @Override
  public long partitionOf(PatternRow row) {
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(row.firstSeenMillis(), 86_400_000L));
    return day.getYear() * 100L + day.getMonthValue();
  }

  @Override
  public void writeFields(PatternRow row, JsonGenerator json) throws IOException {
    json.writeStringField("project", row.project());
    json.writeStringField("pattern_id", row.patternId());
    json.writeStringField("template", row.template());
    json.writeStringField(
        "first_seen", ClickHouseEventFormat.dateTime(Math.floorDiv(row.firstSeenMillis(), 1000L)));
    json.writeStringField("example", row.example());
    json.writeNumberField("version", row.version());
  }
}
