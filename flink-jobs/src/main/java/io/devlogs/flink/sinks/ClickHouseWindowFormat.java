package io.devlogs.flink.sinks;

import com.fasterxml.jackson.core.JsonGenerator;
import io.devlogs.flink.records.LogWindow;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import java.io.IOException;
import java.util.List;

/** {@link LogWindow}s as rows of {@code devlogs.event_windows}. */
public final class ClickHouseWindowFormat implements ClickHouseRowFormat<LogWindow> {

  private static final long serialVersionUID = 1L;

  public static final List<String> COLUMNS =
      List.of(
          "project",
          "service",
          "level",
          "minute",
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

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  /** The sorting key plus the version: each version of a window is its own row. */
  @Override
  public List<String> keyColumns() {
    return List.of("project", "minute", "service", "level", "version");
  }

  @Override
  public String partitionExpression() {
    return MinuteRowFields.MONTH_OF_MINUTE;
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
    MinuteRowFields.writeMinute(json, w.windowStartMillis());
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
