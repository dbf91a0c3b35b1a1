package io.devlogs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What the job writes to the alerts topic, the notifier reads back. */
class AlertTransitionJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static AlertTransition firing(String triggerId, Instant triggerTime) {
    return new AlertTransition(
        "p_1",
        "0b7c3a52-4a8e-4c9d-9f0e-1d2c3b4a5f60",
        "declined \"payments\" é",
        3,
        "9f86d081884c7d65",
        AlertState.FIRING,
        AlertState.PENDING,
        AlertSeverity.CRITICAL,
        AlertTransition.silencedLabels(Map.of("team", "pay")),
        "declined payments: 12 matching events in 5m (> 10)",
        12,
        10,
        Instant.parse("2024-05-03T10:00:00.123456Z"),
        triggerId,
        triggerTime,
        AlertTransition.idempotencyKey(
            "p_1", "0b7c3a52-4a8e-4c9d-9f0e-1d2c3b4a5f60", "9f86d081884c7d65", 2));
  }

  @Test
  void everyFieldReadsBackAsWrittenAtMillisecondPrecision() throws Exception {
    AlertTransition written = firing("e-17", Instant.parse("2024-05-03T10:00:00.100Z"));
    byte[] json = AlertTransitionJson.write(written);

    assertThat(AlertTransitionJson.read(json)).isEqualTo(written);
    assertThat(written.at()).isEqualTo(Instant.parse("2024-05-03T10:00:00.123Z"));
    assertThat(written.silenced()).isTrue();
    JsonNode tree = MAPPER.readTree(json);
    assertThat(tree.get("state").asText()).isEqualTo("firing");
    assertThat(tree.get("previousState").asText()).isEqualTo("pending");
    assertThat(tree.get("severity").asText()).isEqualTo("critical");
    assertThat(tree.get("at").asText()).isEqualTo("2024-05-03T10:00:00.123Z");
    assertThat(tree.get("idempotencyKey").asText())
        .isEqualTo("p_1/0b7c3a52-4a8e-4c9d-9f0e-1d2c3b4a5f60/9f86d081884c7d65/2");
    assertThat(tree.get("labels").get("silenced").asText()).isEqualTo("true");
    assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("\n");
  }

  @Test
  void withoutTriggerEventTheFieldsAreNull() throws Exception {
    AlertTransition written = firing(null, null);
    byte[] json = AlertTransitionJson.write(written);
    assertThat(AlertTransitionJson.read(json)).isEqualTo(written);
    assertThat(MAPPER.readTree(json).get("triggerEventId").isNull()).isTrue();
  }

  @Test
  void fieldsAddedLaterAreIgnoredAndMissingOnesNamed() throws Exception {
    AlertTransition written = firing("e", Instant.EPOCH);
    ObjectNode json = (ObjectNode) MAPPER.readTree(AlertTransitionJson.write(written));
    json.put("later", 1);
    assertThat(AlertTransitionJson.read(MAPPER.writeValueAsBytes(json))).isEqualTo(written);

    json.remove("fingerprint");
    assertThatThrownBy(() -> AlertTransitionJson.read(MAPPER.writeValueAsBytes(json)))
        .hasMessageContaining("fingerprint");
    assertThatThrownBy(() -> AlertTransitionJson.read("[1]".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not a JSON object");
  }

  @Test
  void labelsAreSortedAndUnchangeable() {
    AlertTransition t = firing(null, null);
    assertThat(t.labels()).isInstanceOf(java.util.SortedMap.class);
    assertThat(new TreeMap<>(t.labels()).firstKey()).isEqualTo("silenced");
    assertThatThrownBy(() -> t.labels().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
