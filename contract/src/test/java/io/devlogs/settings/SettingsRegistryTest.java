package io.devlogs.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.settings.keys.KafkaKeys;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsRegistryTest {

  @Test
  void everyKeyIsDeclaredOnceAndItsDefaultParses() {
    Set<String> keys = new HashSet<>();
    for (Setting<?> setting : SettingsRegistry.all()) {
      assertThat(keys.add(setting.key())).as("declared twice: %s", setting.key()).isTrue();
      if (setting.defaultValue() != null) {
        assertThat(Settings.of(Map.of()).get(setting)).as(setting.key()).isNotNull();
      }
      if (setting.inLocalStackEnvironment()) {
        assertThat(Settings.of(Map.of(setting.key(), setting.localStackValue())).get(setting))
            .as("the local stack's %s", setting.key())
            .isNotNull();
      }
    }
    assertThat(keys).contains("kafka.bootstrap-servers", "postgres.password");
  }

  @Test
  void everyTransactionalIdPrefixIsInTheListASecondJobOverrides() {
    assertThat(
            SettingsRegistry.all().stream()
                .filter(setting -> setting.key().endsWith("transactional-id-prefix"))
                .map(Setting::key))
        .containsExactlyInAnyOrderElementsOf(
            KafkaKeys.TRANSACTIONAL_ID_PREFIXES.stream().map(Setting::key).toList());
  }

  @Test
  void aDeclaredSettingIsReadParsedAndCheckedWithAMessageThatSaysHowToFixIt() {
    Setting<Integer> port =
        Setting.of("test.port", ValueType.PORT, "80", "a port", Component.QUERY);
    assertThat(Settings.of(Map.of()).get(port)).isEqualTo(80);
    assertThat(Settings.of(Map.of("test.port", " 443 ")).get(port)).isEqualTo(443);
    assertThatThrownBy(() -> Settings.of(Map.of("test.port", "70000")).get(port))
        .hasMessageContaining("'test.port'")
        .hasMessageContaining("between 1 and 65535")
        .hasMessageContaining("'70000'")
        .hasMessageContaining("DEVLOGS_TEST_PORT=");
  }

  @Test
  void aSecretIsNeverQuotedInAMessage() {
    Setting<Integer> secret =
        Setting.of("test.pin", ValueType.integer(0, 9999), null, "a pin", Component.QUERY)
            .asSecret();
    assertThatThrownBy(() -> Settings.of(Map.of("test.pin", "hunter2")).get(secret))
        .hasMessageContaining("<secret>")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> Settings.of(Map.of()).get(secret))
        .hasMessageContaining("'test.pin' is required");
  }

  @Test
  void durationsReadTheUnitsFlinkReads() {
    Setting<Duration> d =
        Setting.of("test.interval", ValueType.DURATION, "10s", "an interval", Component.JOB);
    assertThat(Settings.of(Map.of()).get(d)).isEqualTo(Duration.ofSeconds(10));
    assertThat(Settings.of(Map.of("test.interval", "500ms")).get(d))
        .isEqualTo(Duration.ofMillis(500));
    assertThat(Settings.of(Map.of("test.interval", "1min")).get(d))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(Settings.of(Map.of("test.interval", "2 h")).get(d)).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> Settings.of(Map.of("test.interval", "10 parsecs")).get(d))
        .hasMessageContaining("unknown unit 'parsecs'");
  }
}
