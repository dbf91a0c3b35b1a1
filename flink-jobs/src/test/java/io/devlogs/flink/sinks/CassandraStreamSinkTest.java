package io.devlogs.flink.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.settings.Settings;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class CassandraStreamSinkTest {

  @Test
  void theOperatorSurvivesJavaSerialization() throws Exception {
    // Flink ships the operator to the TaskManagers serialized with the job graph.
    CassandraStreamOperator operator =
        CassandraStreamSink.operator(
            PipelineOptions.from(Settings.of(Map.of())).cassandra(),
            CassandraStreamSink.LIMITS,
            CassandraStreamRow::of);
    assertThat(InstantiationUtil.clone(operator)).isNotNull();
  }
}
