package io.devlogs.flink.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.config.PipelineOptions;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class CassandraStreamSinkTest {

  @Test
  void theSinkSurvivesJavaSerialization() throws Exception {
    // Flink ships the sink to the TaskManagers serialized with the job graph.
    CassandraStreamSink sink = CassandraStreamSink.create(PipelineOptions.fromArgs(new String[0]));
    assertThat(InstantiationUtil.clone(sink)).isNotNull();
  }
}
