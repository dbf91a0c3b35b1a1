package io.devlogs.flink.sinks;

import com.fasterxml.jackson.core.JsonGenerator;
import io.devlogs.flink.records.LogWindow;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import java.io.IOException;
import java.util.List;

/**
 * {@link LogWindow}s as rows of {@code devlogs.event_windows} (minute windows, time column {@code
 * minute}) or of their hourly rollup {@code devlogs.event_hours} (time column {@code hour}): the
 * same columns but the name of the time column.
 */
public final class ClickHouseWindowFormat implements ClickHouseRowFormat<LogWindow> {

  private static final long serialVersionUID = 1L;

  private final String timeColumn;
  private final List<String> columns;

  /** Minute rows of {@code event_windows}. */
  public ClickHouseWindowFormat() {
    this("minute");
  }

  private ClickHouseWindowFormat(String timeColumn) {
    this.timeColumn = timeColumn;
    this.columns =
        List.of(
            "project",
            "service",
            "level",
            timeColumn,
            "events",
            "bytes",
            "errors",
            "latency_count",
            "latency_sum",
            "latency_min",
            "latency_max",
            "latency_p50",
            "latency_p95",
            "latency_p99",
            "latency_bucket_ids",
            "latency_bucket_counts",
            "version");
  }

  /** Hour rows of {@code event_hours}. */
  public static ClickHouseWindowFormat hours() {
    return new ClickHouseWindowFormat("hour");
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  /** The sorting key plus the version: each version of a window is its own row. */
  @Override
  public List<String> keyColumns() {
    return List.of("project", timeColumn, "service", "level", "version");
  }

  @Override
  public String partitionExpression() {
    return MinuteRowFields.monthPartition(timeColumn);
  }

  @Override
  public long partitionOf(LogWindow window) {
    return MinuteRowFields.monthOf(window.windowStartMillis());
  }

  @Override
  public void writeFields(LogWindow w, JsonGenerator json) throws IOException {
    json.writeStringField("project", w.project());
    json.writeStringField("service", w.service());
    json.writeStringField("level", w.level().name());
    MinuteRowFields.writeTime(json, timeColumn, w.windowStartMillis());
    json.writeNumberField("events", w.events());
    json.writeNumberField("bytes", w.bytes());
    json.writeNumberField("errors", w.errors());
    json.writeNumberField("latency_count", w.latencyCount());
    json.writeNumberField("latency_sum", w.latencySum());
    json.writeNumberField("latency_min", w.latencyMin());
    json.writeNumberField("latency_max", w.latencyMax());
    json.writeNumberField("latency_p50", w.latencyP50());
    json.writeNumberField("latency_p95", w.latencyP95());
    json.writeNumberField("latency_p99", w.latencyP99());
    MinuteRowFields.writeBuckets(
        json,
        "latency_bucket_ids",
        w.latencyBucketIds(),
        "latency_bucket_counts",
        w.latencyBucketCounts());
    json.writeNumberField("version", w.version());
  }
}
