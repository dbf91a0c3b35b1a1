package io.devlogs.flink.sinks.clickhouse.internal;

import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import io.devlogs.flink.sinks.clickhouse.ExactlyOnceClickHouseSink;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;

/**
 * What an {@link ExactlyOnceClickHouseSink} was built with (checked by its builder), and the writer
 * and committer made from it on each subtask.
 */
public record SinkConfig<T>(
    ClickHouseEndpoint endpoint,
    ClickHouseHttp.Factory client,
    ClickHouseRowFormat<T> format,
    String targetTable,
    String stagingTable,
    String markersTable,
    int maxRowsPerChunk,
    int maxBytesPerChunk,
    int stagingRetentionDays,
    Duration retentionSweepInterval,
    Duration requestTimeout,
    long maxPendingBytes)
    implements Serializable {

  StagingWriter<T> writer(int subtask) throws IOException {
    return new StagingWriter<>(
        format,
        client.open(endpoint, requestTimeout),
        endpoint.qualify(stagingTable),
        subtask,
        maxRowsPerChunk,
        maxBytesPerChunk);
  }

  StagedBatchCommitter committer(int subtask) {
    return new StagedBatchCommitter(
        client.open(endpoint, requestTimeout),
        format,
        endpoint,
        targetTable,
        stagingTable,
        markersTable,
        subtask,
        stagingRetentionDays,
        retentionSweepInterval);
  }
}
