package io.devlogs.bench.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.settings.Setting;
import io.devlogs.settings.keys.KafkaKeys;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineBenchTest {

  @Test
  void theBenchJobSharesNoTopicGroupOrTransactionalIdWithTheRunningPipeline() {
    Map<Setting<?>, String> overrides =
        new PipelineBench.Names("20261207-140000-1", Path.of("run")).overrides();

    assertThat(overrides)
        .containsKeys(KafkaKeys.RAW_TOPIC, KafkaKeys.GROUP_ID, KafkaKeys.DEAD_LETTER_TOPIC)
        .containsKeys(KafkaKeys.TRANSACTIONAL_ID_PREFIXES.toArray(Setting<?>[]::new));
    overrides.forEach(
        (setting, value) ->
            assertThat(value).as(setting.key()).isNotEqualTo(setting.defaultValue()));
    assertThat(KafkaKeys.TRANSACTIONAL_ID_PREFIXES.stream().map(overrides::get).distinct().count())
        .isEqualTo(KafkaKeys.TRANSACTIONAL_ID_PREFIXES.size());
  }
}
