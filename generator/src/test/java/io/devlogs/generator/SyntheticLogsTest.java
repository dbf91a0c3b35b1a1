package io.devlogs.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticLogsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void sameSeedGivesTheSameEvents() {
    List<ObjectNode> a = new SyntheticLogs(42, CLOCK).next(500);
    List<ObjectNode> b = new SyntheticLogs(42, CLOCK).next(500);
    List<ObjectNode> c = new SyntheticLogs(43, CLOCK).next(500);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void levelsAreMostlyInfoWithSomeDebugWarnAndError() {
    Map<String, Integer> counts = new HashMap<>();
    int n = 20_000;
    for (ObjectNode event : new SyntheticLogs(7, CLOCK).next(n)) {
      counts.merge(event.get("level").asText(), 1, Integer::sum);
    }
    assertThat(counts).containsOnlyKeys("DEBUG", "INFO", "WARN", "ERROR");
    assertThat(share(counts, "INFO", n)).isBetween(0.70, 0.76);
    assertThat(share(counts, "DEBUG", n)).isBetween(0.12, 0.16);
    assertThat(share(counts, "WARN", n)).isBetween(0.07, 0.11);
    assertThat(share(counts, "ERROR", n)).isBetween(0.03, 0.05);
  }

  private static double share(Map<String, Integer> counts, String level, int n) {
    return counts.get(level) / (double) n;
  }

  @Test
  void everyEventHasTheCoreFieldsAndUniqueIds() {
    Set<String> ids = new HashSet<>();
    for (ObjectNode event : new SyntheticLogs(1, CLOCK).next(2000)) {
      for (String field : List.of("id", "ts", "level", "service", "stream", "msg")) {
        assertThat(event.hasNonNull(field)).as("%s in %s", field, event).isTrue();
      }
      assertThat(Instant.parse(event.get("ts").asText())).isAfterOrEqualTo(CLOCK.instant());
      ids.add(event.get("id").asText());
    }
    assertThat(ids).hasSize(2000);
  }

  @Test
  void timestampsNeverGoBackwardsEvenWithAFixedClock() {
    List<ObjectNode> events = new SyntheticLogs(3, CLOCK).next(100);
    for (int i = 1; i < events.size(); i++) {
      assertThat(Instant.parse(events.get(i).get("ts").asText()))
          .isAfter(Instant.parse(events.get(i - 1).get("ts").asText()));
    }
  }

  @Test
  void coversServicesStreamsAndHttpAttributes() {
    List<ObjectNode> events = new SyntheticLogs(5, CLOCK).next(3000);
    Set<String> services = new HashSet<>();
    for (ObjectNode e : events) {
      services.add(e.get("service").asText());
    }
    assertThat(services)
        .contains("api-gateway", "checkout", "payments", "search", "auth", "batch-jobs");

    List<ObjectNode> requests =
        events.stream()
            .filter(e -> e.get("stream").asText().matches("[a-z-]+-[0-9a-f]+/req-\\d+"))
            .toList();
    assertThat(requests).isNotEmpty();
    ObjectNode completed =
        requests.stream()
            .filter(e -> e.path("http").has("status") && e.get("level").asText().equals("INFO"))
            .findFirst()
            .orElseThrow();
    assertThat(completed.get("http").get("method").asText()).matches("GET|POST|PUT");
    assertThat(completed.get("http").get("status").asInt()).isBetween(200, 299);
    assertThat(completed.get("duration_ms").asLong()).isPositive();
    assertThat(completed.get("trace_id").asText()).matches("[0-9a-f]{32}");
    assertThat(completed.get("user_id").asText()).startsWith("u_");

    assertThat(events).anyMatch(e -> e.get("stream").asText().matches("nightly-build-\\d+"));
    assertThat(events).anyMatch(e -> e.get("stream").asText().startsWith("pod/"));
  }

  @Test
  void someStreamsCarrySeveralEvents() {
    Map<String, Integer> perStream = new HashMap<>();
    for (ObjectNode e : new SyntheticLogs(9, CLOCK).next(1000)) {
      perStream.merge(e.get("stream").asText(), 1, Integer::sum);
    }
    assertThat(perStream.values()).anyMatch(count -> count >= 4);
  }

  @Test
  void errorsCarryMultiLineJavaStackTraces() {
    List<ObjectNode> errors =
        new SyntheticLogs(11, CLOCK)
            .next(5000).stream().filter(e -> e.get("level").asText().equals("ERROR")).toList();
    assertThat(errors).hasSizeGreaterThan(50);
    for (ObjectNode e : errors) {
      String trace = e.has("exception") ? e.get("exception").asText() : e.get("msg").asText();
      assertThat(trace)
          .contains("\n\tat ")
          .containsPattern("java\\.[a-z.]+\\.[A-Za-z]+(Exception|Error)");
    }
    assertThat(errors).anyMatch(e -> e.has("exception"));
    assertThat(errors)
        .anyMatch(e -> !e.has("exception") && e.get("msg").asText().contains("\n\tat "));
  }

  @Test
  void ndjsonHasOneLinePerEventEvenWithMultiLineMessages() {
    List<ObjectNode> events = new SyntheticLogs(11, CLOCK).next(300);
    String ndjson =
        new String(LogGenerator.ndjson(events), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(ndjson.lines()).hasSize(300);
    assertThat(ndjson).endsWith("}\n");
  }
}
