package io.devlogs.query.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.alerts.AlertState;
import io.devlogs.alerts.AlertTransition;
import io.devlogs.alerts.AlertTransitionJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationBodyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RULE = "6a1f6f2e-0d3c-4a55-9a43-0f5f1d0b2c11";
  private final AlertTransition firing =
      Transitions.of("p1", RULE, AlertState.FIRING, AlertState.PENDING, 2);
  private final AlertTransition resolved =
      Transitions.of("p1", RULE, AlertState.RESOLVED, AlertState.FIRING, 3);

  private static Receiver receiver(ReceiverKind kind) {
    return new Receiver(
        "p1", UUID.randomUUID(), "r", kind, "http://x", "pd-routing-key", "0123456789abcdef");
  }

  @Test
  void theGenericBodyIsTheTransitionAsTheJobWroteIt() {
    byte[] body = NotificationBody.of(receiver(ReceiverKind.WEBHOOK), firing);
    assertThat(AlertTransitionJson.read(body)).isEqualTo(firing);
  }

  @Test
  void pagerDutyTriggersAndResolvesOnTheFingerprint() throws Exception {
    JsonNode trigger = JSON.readTree(NotificationBody.of(receiver(ReceiverKind.PAGERDUTY), firing));
    assertThat(trigger.path("routing_key").asText()).isEqualTo("pd-routing-key");
    assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
    assertThat(trigger.path("dedup_key").asText()).isEqualTo(firing.fingerprint());
    assertThat(trigger.at("/payload/severity").asText()).isEqualTo("critical");
    assertThat(trigger.at("/payload/source").asText()).isEqualTo("devlogs/p1");
    assertThat(trigger.at("/payload/summary").asText()).contains("card declines");
    assertThat(trigger.at("/payload/custom_details/idempotency_key").asText())
        .isEqualTo(firing.idempotencyKey());

    JsonNode resolve =
        JSON.readTree(NotificationBody.of(receiver(ReceiverKind.PAGERDUTY), resolved));
    assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
    assertThat(resolve.path("dedup_key").asText()).isEqualTo(trigger.path("dedup_key").asText());
  }

  @Test
  void slackGetsTextAndAMarkdownBlockWithItsControlCharactersEscaped() throws Exception {
    AlertTransition angle =
        Transitions.of("p<1>", RULE, AlertState.FIRING, AlertState.PENDING, 1, Map.of());
    JsonNode body = JSON.readTree(NotificationBody.of(receiver(ReceiverKind.SLACK), angle));
    assertThat(body.path("text").asText()).startsWith("[FIRING] card declines (critical)");
    assertThat(body.at("/blocks/0/text/type").asText()).isEqualTo("mrkdwn");
    assertThat(body.at("/blocks/0/text/text").asText()).contains("`p&lt;1&gt;`");
  }

  @Test
  void theEmailTextNamesTheFactsAndTheKey() {
    String text =
        new String(
            NotificationBody.of(receiver(ReceiverKind.EMAIL), firing), StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith("[FIRING] card declines (critical)")
        .contains("state: pending -> firing")
        .contains("label service: pay")
        .contains("idempotency key: " + firing.idempotencyKey());
  }

  @Test
  void onlyFiringAndResolvedAfterFiringAreNotifiedAndNeverWhenSilenced() {
    assertThat(TransitionNotifier.notifies(firing)).isTrue();
    assertThat(TransitionNotifier.notifies(resolved)).isTrue();
    assertThat(
            TransitionNotifier.notifies(
                Transitions.of("p1", RULE, AlertState.PENDING, AlertState.RESOLVED, 1)))
        .isFalse();
    assertThat(
            TransitionNotifier.notifies(
                Transitions.of("p1", RULE, AlertState.RESOLVED, AlertState.PENDING, 2)))
        .isFalse();
    assertThat(
            TransitionNotifier.notifies(
                Transitions.of(
                    "p1",
                    RULE,
                    AlertState.FIRING,
                    AlertState.PENDING,
                    2,
                    Map.of("silenced", "true"))))
        .isFalse();
  }
}
