package io.devlogs.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LokiLabelsTest {

  @Test
  void readsPrometheusLabelSets() {
    assertThat(LokiLabels.parse("{job=\"varlogs\", filename=\"/var/log/a b.log\",x=\"\"}"))
        .containsExactly(
            org.assertj.core.data.MapEntry.entry("job", "varlogs"),
            org.assertj.core.data.MapEntry.entry("filename", "/var/log/a b.log"),
            org.assertj.core.data.MapEntry.entry("x", ""));
    assertThat(LokiLabels.parse("{q=\"a \\\"b\\\" \\\\ c, d=\\\"e\\\"\"}"))
        .containsEntry("q", "a \"b\" \\ c, d=\"e\"");
    assertThat(LokiLabels.parse(" {} ")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"job=\"x\"", "{job=x}", "{job=\"x}", "{=\"x\"}", "{a=\"1\" b=\"2\"}"})
  void namesWhatIsMalformed(String labels) {
    assertThatThrownBy(() -> LokiLabels.parse(labels))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching(".*(expected|quoted|closed|name|=).*");
  }
}
