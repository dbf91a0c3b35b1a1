package io.devlogs.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.alerts.InvalidAlertRuleException;
import io.devlogs.flink.records.Level;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingRuleTest {

  private static final String ID = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";

  private static RecordingRule rule(String definition) {
    return RecordingRule.parse("p_1", ID, "checkout latency", definition, true, 1);
  }

  @Test
  void aRuleReadsItsDefinitionAndWritesItBackTheSame() {
    RecordingRule rule =
        rule(
            "{\"filter\": {\"service\": \"pay\"}, \"aggregation\": \"p99\", \"field\":"
                + " \"duration_ms\", \"group_by\": [\"level\", \"region\"], \"max_groups\": 5}");
    assertThat(rule.aggregation()).isEqualTo(RecordingAggregation.P99);
    assertThat(rule.field()).contains("duration_ms");
    assertThat(rule.groupBy()).containsExactly("level", "region");
    assertThat(rule.maxGroups()).isEqualTo(5);
    assertThat(RecordingRule.fromJson(rule.toJson())).isEqualTo(rule);
  }

  @Test
  void groupsAndValuesComeFromTheEventsFields() {
    RecordingRule rule =
        rule(
            "{\"aggregation\": \"sum\", \"field\": \"bytes\", \"group_by\": [\"service\","
                + " \"level\", \"region\"]}");
    assertThat(rule.groupOf("pay", Level.ERROR, "s", Map.of("region", "eu")))
        .isEqualTo("{\"service\":\"pay\",\"level\":\"error\",\"region\":\"eu\"}");
    assertThat(rule.groupOf("pay", Level.INFO, "s", Map.of()))
        .isEqualTo("{\"service\":\"pay\",\"level\":\"info\",\"region\":\"\"}");
    assertThat(rule.valueOf(Map.of("bytes", " 12.5 "))).isEqualTo(12.5);
    assertThat(rule.valueOf(Map.of("bytes", "-3"))).isEqualTo(-3);
    assertThat(rule.valueOf(Map.of("bytes", "many"))).isNaN();
    assertThat(rule.valueOf(Map.of("bytes", "Infinity"))).isNaN();
    assertThat(rule.valueOf(Map.of())).isNaN();
    assertThat(rule("{\"aggregation\": \"count\"}").groupOf("pay", Level.INFO, "s", Map.of()))
        .isEqualTo("{}");
  }

  @Test
  void aBadDefinitionNamesTheField() {
    assertField("{\"aggregation\": \"sum\"}", "definition.field");
    assertField("{\"aggregation\": \"median\"}", "definition.aggregation");
    assertField("{}", "definition.aggregation");
    assertField("{\"aggregation\": \"count\", \"max_groups\": 501}", "definition.max_groups");
    assertField(
        "{\"aggregation\": \"count\", \"group_by\": [\"a\", \"a\"]}", "definition.group_by[1]");
    assertField(
        "{\"aggregation\": \"count\", \"group_by\": [\"a\", \"b\", \"c\", \"d\"]}",
        "definition.group_by");
    assertField("{\"aggregation\": \"count\", \"window\": 5}", "definition.window");
    assertField(
        "{\"aggregation\": \"count\", \"filter\": {\"level\": \"loud\"}}",
        "definition.filter.level");
  }

  private static void assertField(String definition, String field) {
    assertThatThrownBy(() -> rule(definition))
        .isInstanceOfSatisfying(
            InvalidAlertRuleException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
