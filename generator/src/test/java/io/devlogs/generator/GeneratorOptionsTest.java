package io.devlogs.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.settings.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratorOptionsTest {

  @Test
  void readsAllOptionsInBothArgumentForms() {
    GeneratorOptions options =
        GeneratorOptions.from(
            Settings.of(
                Map.of(
                    "ingest-url", "http://h:1/",
                    "ingest-key", "dl_ingest_x",
                    "rate", "12.5",
                    "duration", "2m",
                    "batch-size", "50",
                    "seed", "9")));
    assertThat(options.ingestUrl().toString()).isEqualTo("http://h:1");
    assertThat(options.rate()).isEqualTo(12.5);
    assertThat(options.duration()).contains(Duration.ofMinutes(2));
    assertThat(options.batchSize()).isEqualTo(50);
    assertThat(options.seed()).isEqualTo(9);

    assertThat(GeneratorOptions.normalise(new String[] {"--rate", "5", "--ingest-key=k"}))
        .containsExactly("--rate=5", "--ingest-key=k");
  }

  @Test
  void defaultsRunForeverAgainstTheLocalIngest() {
    GeneratorOptions options =
        GeneratorOptions.from(Settings.of(Map.of("ingest-key", "dl_ingest_x")));
    assertThat(options.ingestUrl().toString()).isEqualTo("http://127.0.0.1:18080");
    assertThat(options.duration()).isEmpty();
    assertThat(options.rate()).isEqualTo(100);
  }

  @Test
  void parsesDurations() {
    assertThat(GeneratorOptions.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GeneratorOptions.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(GeneratorOptions.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(GeneratorOptions.parseDuration("PT1M")).isEqualTo(Duration.ofMinutes(1));
    assertThatThrownBy(() -> GeneratorOptions.parseDuration("soon"))
        .hasMessageContaining("soon")
        .hasMessageContaining("15m");
  }

  @Test
  void rejectsMissingKeyAndNonPositiveRate() {
    assertThatThrownBy(() -> GeneratorOptions.from(Settings.of(Map.of())))
        .hasMessageContaining("--ingest-key");
    assertThatThrownBy(
            () -> GeneratorOptions.from(Settings.of(Map.of("ingest-key", "k", "rate", "0"))))
        .hasMessageContaining("--rate");
  }
}
