package io.devlogs.ops.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlinkConfigFileTest {

  @Test
  void readsTheDefaultParallelismOrOne() {
    assertThat(FlinkConfigFile.defaultParallelism(List.of("# x", "parallelism.default: 2")))
        .isEqualTo(2);
    assertThat(FlinkConfigFile.defaultParallelism(List.of("rest.port: 18081"))).isEqualTo(1);
  }

  @Test
  void theRepositorysClusterConfigSetsIt() {
    assertThat(FlinkConfigFile.defaultParallelism(Path.of("../flink-conf/config.yaml")))
        .isEqualTo(2);
  }
}
