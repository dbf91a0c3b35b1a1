package io.devlogs.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.alerts.AlertKind;
import io.devlogs.http.ApiException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleRequestTest {
  private static final String VALID =
      "{\"name\": \"declines\", \"kind\": \"match_count\", \"definition\": {\"filter\":"
          + " {\"service\": \"pay\", \"text\": \"declined\"}, \"window_seconds\": 300, \"op\": \">\","
          + " \"threshold\": 10}, \"forSeconds\": 60, \"severity\": \"critical\","
          + " \"labels\": {\"team\": \"payments\"},"
          + " \"receivers\": [\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\"]}";

  @Test
  void aValidBodyBecomesTheContractsRule() {
    RuleRequest request = RuleRequest.parse(VALID, "p1", RuleRequest.UNSAVED_ID, 1);
    assertThat(request.rule().kind()).isEqualTo(AlertKind.MATCH_COUNT);
    assertThat(request.rule().windowSeconds()).isEqualTo(300);
    assertThat(request.rule().forSeconds()).isEqualTo(60);
    assertThat(request.rule().labels()).containsEntry("team", "payments");
    assertThat(request.rule().filter().service()).contains("pay");
    assertThat(request.receivers()).hasSize(1);
  }

  @Test
  void everyProblemIs400NamingTheField() {
    assertField("{\"kind\": \"match_count\", \"definition\": {}}", "name");
    assertField(VALID.replace("\"match_count\"", "\"sum\""), "kind");
    assertField(
        VALID.replace("\"window_seconds\": 300", "\"window_seconds\": -5"),
        "definition.window_seconds");
    assertField(VALID.replace("\"op\": \">\"", "\"op\": \"~\""), "definition.op");
    assertField(VALID.replace("\"forSeconds\": 60", "\"forSeconds\": \"soon\""), "forSeconds");
    assertField(VALID.replace("\"severity\": \"critical\"", "\"severity\": \"meh\""), "severity");
    assertField(
        VALID.replace("\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\"", "\"nope\""), "receivers[0]");
    assertField(VALID.replace("\"forSeconds\"", "\"for\""), "for");
  }

  @Test
  void aBodyThatIsNotAnObjectIs400() {
    assertThatThrownBy(() -> RuleRequest.parse("[1]", "p1", RuleRequest.UNSAVED_ID, 1))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("JSON object");
    assertThatThrownBy(() -> RuleRequest.parse("{", "p1", RuleRequest.UNSAVED_ID, 1))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("not JSON");
  }

  @Test
  void aSilenceNeedsAnEndInTheFuture() {
    Instant now = Instant.parse("2026-12-06T10:00:00Z");
    assertThat(SilencesController.parse("{\"durationSeconds\": 3600}", now).endsAt())
        .isEqualTo(now.plusSeconds(3600));
    assertThatThrownBy(() -> SilencesController.parse("{}", now))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.body().detail()).isEqualTo(Map.of("field", "endsAt")));
    assertThatThrownBy(
            () -> SilencesController.parse("{\"endsAt\": \"2026-12-06T09:00:00Z\"}", now))
        .hasMessageContaining("after startsAt");
    assertThatThrownBy(
            () -> SilencesController.parse("{\"durationSeconds\": 60, \"ruleId\": \"x\"}", now))
        .hasMessageContaining("ruleId");
  }

  @Test
  void receiversAreCheckedByKind() {
    assertThat(
            ReceiversController.parse(
                    "{\"name\": \"ops\", \"kind\": \"webhook\", \"target\": \"https://h/x\"}")
                .secret())
        .hasSizeGreaterThanOrEqualTo(32);
    assertThatThrownBy(
            () ->
                ReceiversController.parse(
                    "{\"name\": \"ops\", \"kind\": \"webhook\", \"target\": \"ftp://h/x\"}"))
        .hasMessageContaining("field 'target'");
    assertThatThrownBy(
            () ->
                ReceiversController.parse(
                    "{\"name\": \"ops\", \"kind\": \"email\", \"target\": \"not an address\"}"))
        .hasMessageContaining("field 'target'");
    assertThatThrownBy(
            () ->
                ReceiversController.parse(
                    "{\"name\": \"pd\", \"kind\": \"pagerduty\", \"target\": \"https://h/\"}"))
        .hasMessageContaining("field 'routingKey'");
    assertThatThrownBy(
            () ->
                ReceiversController.parse(
                    "{\"name\": \"x\", \"kind\": \"fax\", \"target\": \"1\"}"))
        .hasMessageContaining("field 'kind'");
  }

  private static void assertField(String body, String field) {
    assertThatThrownBy(() -> RuleRequest.parse(body, "p1", RuleRequest.UNSAVED_ID, 1))
        .as(body)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.body().detail()).isEqualTo(Map.of("field", field));
            });
  }
}
