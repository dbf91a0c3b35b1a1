package io.devlogs.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void argumentsWinOverSystemPropertiesWhichWinOverEnvironment() {
    Settings settings =
        Settings.fromArgs(
            new String[] {"--ingest.port=1"},
            Map.of("ingest.port", "2", "query.port", "3"),
            Map.of(
                "DEVLOGS_INGEST_PORT",
                "4",
                "DEVLOGS_QUERY_PORT",
                "5",
                "DEVLOGS_KAFKA_RAW_TOPIC",
                "t"));

    assertThat(settings.get("ingest.port", "d")).isEqualTo("1");
    assertThat(settings.get("query.port", "d")).isEqualTo("3");
    assertThat(settings.get("kafka.raw-topic", "d")).isEqualTo("t");
    assertThat(settings.get("postgres.url", "default-url")).isEqualTo("default-url");
  }

  @Test
  void environmentVariableNameUpperCasesAndReplacesDotsAndDashes() {
    assertThat(Setting.environmentVariable("kafka.bootstrap-servers"))
        .isEqualTo("DEVLOGS_KAFKA_BOOTSTRAP_SERVERS");
    Settings settings =
        Settings.fromArgs(
            new String[0], Map.of(), Map.of("DEVLOGS_KAFKA_BOOTSTRAP_SERVERS", "h:1"));
    assertThat(settings.get("kafka.bootstrap-servers", null)).isEqualTo("h:1");
  }

  @Test
  void argumentValueMayContainEqualsSigns() {
    Settings settings =
        Settings.fromArgs(
            new String[] {"--postgres.url=jdbc:postgresql://h/db?a=b"}, Map.of(), Map.of());
    assertThat(settings.get("postgres.url", null)).isEqualTo("jdbc:postgresql://h/db?a=b");
  }

  @Test
  void rejectsArgumentsThatAreNotKeyEqualsValue() {
    assertThatThrownBy(() -> Settings.fromEnvironment(new String[] {"ingest.port=1"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ingest.port=1")
        .hasMessageContaining("--key=value");
    assertThatThrownBy(() -> Settings.fromEnvironment(new String[] {"--ingest.port"}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromEnvironmentReadsSystemProperties() {
    String key = "devlogs.test." + System.nanoTime();
    System.setProperty(key, "from-property");
    try {
      assertThat(Settings.fromEnvironment(new String[0]).get(key, null)).isEqualTo("from-property");
    } finally {
      System.clearProperty(key);
    }
  }

  @Test
  void getIntParsesAndFallsBackToDefault() {
    Settings settings = Settings.of(Map.of("ingest.port", " 18081 "));
    assertThat(settings.getInt("ingest.port", 1)).isEqualTo(18081);
    assertThat(settings.getInt("query.port", 18090)).isEqualTo(18090);
  }

  @Test
  void getIntNamesKeyAndValueWhenNotANumber() {
    Settings settings = Settings.of(Map.of("ingest.port", "eighty"));
    assertThatThrownBy(() -> settings.getInt("ingest.port", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ingest.port")
        .hasMessageContaining("eighty")
        .hasMessageContaining("DEVLOGS_INGEST_PORT");
  }
}
