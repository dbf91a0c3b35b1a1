package io.devlogs.flink.sinks;

import com.fasterxml.jackson.core.JsonGenerator;
import io.devlogs.flink.recording.RecordedMinute;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import java.io.IOException;
import java.util.List;

/** {@link RecordedMinute}s as rows of {@code devlogs.recorded_minutes}. */
public final class ClickHouseRecordedMinuteFormat implements ClickHouseRowFormat<RecordedMinute> {

  private static final long serialVersionUID = 1L;

  public static final List<String> COLUMNS =
      List.of(
          "project",
          "rule_id",
          "minute",
          "group_key",
          "other",
          "events",
          "value_count",
          "value_sum",
          "value_min",
          "value_max",
          "value_p50",
          "value_p90",
          "value_p99",
          "value_bucket_ids",
          "value_bucket_counts",
          "version");

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  /** The sorting key plus the version: each version of a minute is its own row. */
  @Override
  public List<String> keyColumns() {
    return List.of("project", "rule_id", "minute", "other", "group_key", "version");
  }

  @Override
  public String partitionExpression() {
    return MinuteRowFields.MONTH_OF_MINUTE;
  }

  @Override
  public long partitionOf(RecordedMinute row) {
    return MinuteRowFields.monthOf(row.minuteStartMillis());
  }

  @Override
  public void writeFields(RecordedMinute row, JsonGenerator json) throws IOException {
    json.writeStringField("project", row.project());
    json.writeStringField("rule_id", row.ruleId());
    MinuteRowFields.writeMinute(json, row.minuteStartMillis());
    json.writeStringField("group_key", row.group());
    json.writeNumberField("other", row.other() ? 1 : 0);
    json.writeNumberField("events", row.events());
    json.writeNumberField("value_count", row.valueCount());
    json.writeNumberField("value_sum", row.valueSum());
    json.writeNumberField("value_min", row.valueMin());
    json.writeNumberField("value_max", row.valueMax());
    json.writeNumberField("value_p50", row.valueP50());
    json.writeNumberField("value_p90", row.valueP90());
    json.writeNumberField("value_p99", row.valueP99());
    MinuteRowFields.writeBuckets(
        json,
        "value_bucket_ids",
        row.valueBucketIds(),
        "value_bucket_counts",
        row.valueBucketCounts());
    json.writeNumberField("version", row.version());
  }
}
