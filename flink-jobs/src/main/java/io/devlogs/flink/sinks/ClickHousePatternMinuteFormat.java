package io.devlogs.flink.sinks;

import com.fasterxml.jackson.core.JsonGenerator;
import io.devlogs.flink.patterns.PatternMinute;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/** {@link PatternMinute}s as rows of {@code devlogs.pattern_minutes}. */
public final class ClickHousePatternMinuteFormat implements ClickHouseRowFormat<PatternMinute> {

  private static final long serialVersionUID = 1L;

  public static final List<String> COLUMNS =
      List.of("project", "pattern_id", "service", "level", "minute", "events", "version");

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  /** The sorting key plus the version: each version of a minute is its own row. */
  @Override
  public List<String> keyColumns() {
    return List.of("project", "minute", "pattern_id", "service", "level", "version");
  }

  @Override
  public String partitionExpression() {
    return "toYYYYMM(minute)";
  }

  @Override
  public long partitionOf(PatternMinute row) {
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(row.minuteStartMillis(), 86_400_000L));
    return day.getYear() * 100L + day.getMonthValue();
  }

  @Override
  public void writeFields(PatternMinute row, JsonGenerator json) throws IOException {
    json.writeStringField("project", row.project());
    json.writeStringField("pattern_id", row.patternId());
    json.writeStringField("service", row.service());
    json.writeStringField("level", row.level().name());
    json.writeStringField(
        "minute", ClickHouseEventFormat.dateTime(Math.floorDiv(row.minuteStartMillis(), 1000L)));
    json.writeNumberField("events", row.events());
    json.writeNumberField("version", row.version());
  }
}
