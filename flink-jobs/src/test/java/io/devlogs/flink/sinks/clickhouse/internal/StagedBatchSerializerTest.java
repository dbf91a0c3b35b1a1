package io.devlogs.flink.sinks.clickhouse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StagedBatchSerializerTest {

  @Test
  void roundTrips() throws Exception {
    StagedBatch batch =
        new StagedBatch(
            "123e4567e89b12d3a456426614174000-1-42", Map.of(20240501L, 3L, 20240502L, 4000L));
    StagedBatchSerializer serializer = new StagedBatchSerializer();
    StagedBatch back = serializer.deserialize(serializer.getVersion(), serializer.serialize(batch));
    assertThat(back).isEqualTo(batch);
    assertThat(back.rows()).isEqualTo(4003L);
  }
}
