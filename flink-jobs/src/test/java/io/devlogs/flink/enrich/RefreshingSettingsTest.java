package io.devlogs.flink.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.projects.ProjectSettings;
import io.devlogs.projects.RetentionClass;
import io.devlogs.testing.Poll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RefreshingSettingsTest {

  private static final ProjectSettings OFF_LONG = new ProjectSettings(false, RetentionClass.LONG);

  /** A source whose next answer the test sets: settings, or an exception to throw. */
  private static final class ScriptedSource implements SettingsSource {
    final AtomicReference<Object> next = new AtomicReference<>();

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, ProjectSettings> loadAll() throws Exception {
      Object answer = next.get();
      if (answer instanceof Exception e) {
        throw e;
      }
      return (Map<String, ProjectSettings>) answer;
    }
  }

  @Test
  void safeDefaultsUntilTheFirstLoadThenTheLastGoodSnapshot() {
    ScriptedSource source = new ScriptedSource();
    RefreshingSettings settings =
        new RefreshingSettings(
            source, Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC));

    source.next.set(new java.sql.SQLException("connection refused"));
    assertThat(settings.refresh()).isFalse();
    assertThat(settings.current()).isSameAs(SettingsSnapshot.DEFAULTS);
    assertThat(settings.current().of("p_a")).isEqualTo(ProjectSettings.DEFAULTS);
    assertThat(settings.current().of("p_a").redactPii()).isTrue();

    source.next.set(Map.of("p_a", OFF_LONG));
    assertThat(settings.refresh()).isTrue();
    assertThat(settings.current().of("p_a")).isEqualTo(OFF_LONG);
    assertThat(settings.current().of("p_other")).isEqualTo(ProjectSettings.DEFAULTS);
    assertThat(settings.current().loadedAt()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));

    source.next.set(new IllegalStateException("database down"));
    assertThat(settings.refresh()).isFalse();
    assertThat(settings.refresh()).isFalse();
    assertThat(settings.consecutiveFailures()).isEqualTo(2);
    assertThat(settings.current().of("p_a")).as("last good snapshot kept").isEqualTo(OFF_LONG);

    source.next.set(Map.of());
    assertThat(settings.refresh()).isTrue();
    assertThat(settings.consecutiveFailures()).isZero();
    assertThat(settings.current().of("p_a"))
        .as("row deleted: defaults")
        .isEqualTo(ProjectSettings.DEFAULTS);
  }

  @Test
  void reloadsInTheBackgroundEveryRefresh() {
    ScriptedSource source = new ScriptedSource();
    source.next.set(Map.of());
    try (RefreshingSettings settings = new RefreshingSettings(source, Clock.systemUTC())) {
      settings.start(Duration.ofMillis(50), "test-refresh");
      assertThat(settings.current().of("p_a")).isEqualTo(ProjectSettings.DEFAULTS);

      source.next.set(Map.of("p_a", OFF_LONG));
      assertThat(
              Poll.latest(
                  Duration.ofSeconds(5),
                  () -> settings.current().of("p_a"),
                  current -> current.equals(OFF_LONG)))
          .isEqualTo(OFF_LONG);
    }
  }
}
