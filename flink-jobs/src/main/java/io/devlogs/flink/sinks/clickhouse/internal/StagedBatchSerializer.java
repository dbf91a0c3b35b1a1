package io.devlogs.flink.sinks.clickhouse.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Checkpoint form of {@link StagedBatch}: batch id, then (partition, rows) pairs. */
public final class StagedBatchSerializer implements SimpleVersionedSerializer<StagedBatch> {

  static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(StagedBatch batch) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    out.writeUTF(batch.batchId());
    out.writeInt(batch.rowsByPartition().size());
    for (Map.Entry<Long, Long> e : batch.rowsByPartition().entrySet()) {
      out.writeLong(e.getKey());
      out.writeLong(e.getValue());
    }
    return out.getCopyOfBuffer();
  }

  @Override
  public StagedBatch deserialize(int version, byte[] serialized) throws IOException {
    if (version != VERSION) {
      throw new IOException("unknown StagedBatch serializer version " + version);
    }
    DataInputDeserializer in = new DataInputDeserializer(serialized);
    String batchId = in.readUTF();
    int n = in.readInt();
    Map<Long, Long> rows = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      rows.put(in.readLong(), in.readLong());
    }
    return new StagedBatch(batchId, rows);
  }
}
