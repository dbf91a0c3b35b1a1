package io.devlogs.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardCrowdTest {

  @Test
  void variablesAreSubstitutedAsTheDashboardDoes() {
    Map<String, String> variables = Map.of("service", "api", "level", "");
    assertThat(DashboardCrowd.substitute("$service", variables)).isEqualTo("api");
    assertThat(DashboardCrowd.substitute("{service=\"$service\"} $level", variables))
        .isEqualTo("{service=\"api\"} ");
    assertThat(DashboardCrowd.substitute("$services", variables)).isEqualTo("$services");
  }

  @Test
  void relativeRangesBecomeSpans() {
    assertThat(DashboardCrowd.span("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(DashboardCrowd.span("6h")).isEqualTo(Duration.ofHours(6));
    assertThat(DashboardCrowd.span("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(DashboardCrowd.span("soon")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theSharedDashboardHasOnePanelOfEachKind() {
    String document = CrowdPeople.document("d");
    for (String kind : DashboardCrowd.ROUTES.keySet()) {
      assertThat(document).contains("\"kind\":\"" + kind + "\"");
    }
    assertThat(document).contains("\"refreshSeconds\":10", "\"last\":\"6h\"");
  }
}
