package io.devlogs.flink.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.projects.ProjectSettings;
import io.devlogs.projects.RetentionClass;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventEnricherTest {

  private final EventEnricher enricher = new EventEnricher();

  private static LogEvent event(String message, Map<String, String> attributes) {
    return new LogEvent(
        "p_a", "e1", 1_000_000_000L, Level.INFO, "svc", "s", message, attributes, 2_000L, 42, 30);
  }

  @Test
  void redactsMessageAndAttributesAndSetsRetention() {
    LogEvent e = event("login alice@example.com password=x", Map.of("token", "abc", "n", "1"));

    LogEvent enriched = enricher.enrich(e, new ProjectSettings(true, RetentionClass.SHORT));

    assertThat(enriched.message()).isEqualTo("login [email] password=[redacted]");
    assertThat(enriched.attributes()).isEqualTo(Map.of("token", "[redacted]", "n", "1"));
    assertThat(enriched.retentionDays()).isEqualTo(7);
    assertThat(enriched)
        .usingRecursiveComparison()
        .ignoringFields("message", "attributes", "retentionDays")
        .isEqualTo(e);
  }

  @Test
  void projectsThatTurnedRedactionOffKeepTheirText() {
    LogEvent e = event("login alice@example.com password=x", Map.of("token", "abc"));

    LogEvent enriched = enricher.enrich(e, new ProjectSettings(false, RetentionClass.LONG));

    assertThat(enriched.message()).isEqualTo(e.message());
    assertThat(enriched.attributes()).isEqualTo(e.attributes());
    assertThat(enriched.retentionDays()).isEqualTo(365);
  }

  @Test
  void cleanEventsWithTheSameRetentionAreNotCopied() {
    LogEvent e = event("all good", Map.of("n", "1"));
    assertThat(enricher.enrich(e, ProjectSettings.DEFAULTS)).isSameAs(e);
    assertThat(e.ingestLagMillis()).isEqualTo(1_000L);
  }
}
