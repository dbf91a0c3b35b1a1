package io.devlogs.flink.sinks.clickhouse.internal;

import io.devlogs.flink.sinks.clickhouse.ExactlyOnceClickHouseSink;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The committable of {@link ExactlyOnceClickHouseSink}: a batch of rows staged under {@code
 * batchId}, and how many rows it holds for each partition of the target table.
 *
 * @param batchId unique forever (see {@link BatchIds})
 * @param rowsByPartition target partition value to row count, e.g. {@code 20240501 -> 5000}
 */
public record StagedBatch(String batchId, Map<Long, Long> rowsByPartition) {

  public StagedBatch {
    Objects.requireNonNull(batchId, "batchId");
    rowsByPartition = Collections.unmodifiableMap(new TreeMap<>(rowsByPartition));
  }

  /** All rows of the batch. */
  public long rows() {
    return rowsByPartition.values().stream().mapToLong(Long::longValue).sum();
  }
}
