package io.devlogs.settings.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.settings.Component;
import io.devlogs.settings.Setting;
import io.devlogs.settings.ValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedFilesTest {

  @Test
  void theReadmeKeyTableAndTheLocalStackEnvironmentAreWhatTheRegistryGenerates() {
    assertThat(GeneratedFiles.stale(checkout()))
        .as(
            "generated from the settings registry, but edited by hand or not regenerated;"
                + " from the checkout's root run: %s",
            GeneratedFiles.HOW_TO_REGENERATE)
        .isEmpty();
  }

  @Test
  void aRowSaysTypeDefaultLocalValueReadersAndMeaning() {
    Setting<Integer> port =
        Setting.of("demo.port", ValueType.PORT, "80", "a | port", Component.QUERY, Component.INGEST)
            .inLocalStack("8080");
    Setting<String> secret =
        Setting.of("demo.password", ValueType.TEXT, "", "its password", Component.JOB).asSecret();
    Setting<String> unset =
        Setting.of("demo.file", ValueType.TEXT, null, "a file", Component.SCHEMA);

    assertThat(KeyTable.markdown(List.of(port, secret, unset)))
        .isEqualTo(
            KeyTable.HEADER
                + "| `demo.port` | port (1..65535) | `80` (local stack: `8080`) | ingest, query | a \\| port |\n"
                + "| `demo.password` | text, secret | empty | Flink job | its password |\n"
                + "| `demo.file` | text | unset | schema | a file |\n");
  }

  @Test
  void theLocalStackEnvironmentHasTheSettingsTheStackSetsWithTheirLocalValues() {
    Setting<String> host =
        Setting.of("demo.host", ValueType.TEXT, "0.0.0.0", "bind", Component.QUERY)
            .inLocalStack("127.0.0.1");
    Setting<String> password =
        Setting.of("demo.password", ValueType.TEXT, "", "pw", Component.JOB)
            .asSecret()
            .inLocalStack();
    Setting<String> notInTheStack =
        Setting.of("demo.tuning", ValueType.TEXT, "1", "tuning", Component.JOB);

    assertThat(LocalStackEnvironment.text(List.of(host, password, notInTheStack)))
        .endsWith("\nDEVLOGS_DEMO_HOST=127.0.0.1\nDEVLOGS_DEMO_PASSWORD=\n")
        .doesNotContain("TUNING");
  }

  @Test
  void theTableIsReplacedBetweenItsMarkersOnly() {
    String readme =
        "before\n" + GeneratedFiles.TABLE_BEGIN + "old\n" + GeneratedFiles.TABLE_END + "after\n";
    assertThat(GeneratedFiles.withTable(readme, "new\n"))
        .isEqualTo(
            "before\n"
                + GeneratedFiles.TABLE_BEGIN
                + "new\n"
                + GeneratedFiles.TABLE_END
                + "after\n");
  }

  /** The checkout's root: surefire runs in the module's folder. */
  private static Path checkout() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(dir.resolve("contract")) || !Files.exists(dir.resolve("README.md"))) {
      dir = dir.getParent();
      assertThat(dir).as("the checkout holding contract/ and README.md").isNotNull();
    }
    return dir;
  }
}
