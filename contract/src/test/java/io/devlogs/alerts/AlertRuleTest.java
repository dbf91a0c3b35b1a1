package io.devlogs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.flink.records.Level;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A rule row is read into a checked rule, or refused naming the field at fault. */
class AlertRuleTest {

  private static final String ID = "0b7c3a52-4a8e-4c9d-9f0e-1d2c3b4a5f60";

  private static AlertRule rule(String kind, String definition) {
    return AlertRule.parse(
        "p_1",
        ID,
        "declined payments",
        kind,
        definition,
        30,
        "critical",
        "{\"team\":\"pay\"}",
        "",
        true,
        3);
  }

  @Test
  void matchCountRowIsReadWithEveryParameter() {
    AlertRule rule =
        rule(
            "match_count",
            """
            {"filter": {"service": "pay", "level": "error", "text": "Declined \\"card expired\\"",
                        "attributes": {"region": "eu"}},
             "window_seconds": 300, "op": ">", "threshold": 10}""");

    assertThat(rule.kind()).isEqualTo(AlertKind.MATCH_COUNT);
    assertThat(rule.filter().service()).contains("pay");
    assertThat(rule.filter().levels()).containsExactly(Level.ERROR);
    assertThat(rule.filter().terms()).containsExactly("declined", "card expired");
    assertThat(rule.windowSeconds()).isEqualTo(300);
    assertThat(rule.op()).isEqualTo(ComparisonOp.GT);
    assertThat(rule.threshold()).isEqualTo(10);
    assertThat(rule.forSeconds()).isEqualTo(30);
    assertThat(rule.severity()).isEqualTo(AlertSeverity.CRITICAL);
    assertThat(rule.labels()).containsExactlyEntriesOf(Map.of("team", "pay"));
    assertThat(rule.version()).isEqualTo(3);
  }

  @Test
  void filterMatchesAsSearchDoes() {
    AlertFilter filter =
        rule(
                "match_count",
                "{\"filter\": {\"service\": \"pay\", \"level\": [\"error\", \"FATAL\"],"
                    + " \"text\": \"declined card\", \"attributes\": {\"region\": \"eu\"}},"
                    + " \"window_seconds\": 60, \"op\": \">=\", \"threshold\": 1}")
            .filter();

    Map<String, String> eu = Map.of("region", "eu", "other", "x");
    assertThat(filter.matches("pay", Level.ERROR, "Card was DECLINED", eu)).isTrue();
    assertThat(filter.matches("pay", Level.FATAL, "declined card", eu)).isTrue();
    assertThat(filter.matches("pay", Level.WARN, "declined card", eu)).isFalse();
    assertThat(filter.matches("shop", Level.ERROR, "declined card", eu)).isFalse();
    assertThat(filter.matches("pay", Level.ERROR, "declined", eu)).isFalse();
    assertThat(filter.matches("pay", Level.ERROR, "declined card", Map.of("region", "us")))
        .isFalse();
    assertThat(filter.matches("pay", Level.ERROR, null, eu)).isFalse();
    assertThat(AlertFilter.ANY.matches("x", Level.TRACE, null, Map.of())).isTrue();
  }

  @Test
  void absenceAndErrorRateRowsAreRead() {
    AlertRule absence =
        rule("absence", "{\"filter\": {\"service\": \"cron\"}, \"window_seconds\": 600}");
    assertThat(absence.kind()).isEqualTo(AlertKind.ABSENCE);
    assertThat(absence.threshold()).isEqualTo(600);

    AlertRule rate =
        rule("error_rate", "{\"window_seconds\": 300, \"op\": \">\", \"threshold\": 0.05}");
    assertThat(rate.filter()).isEqualTo(AlertFilter.ANY);
    assertThat(rate.threshold()).isEqualTo(0.05);
  }

  @Test
  void latencyPercentileAndNewPatternRowsAreReadAndWrittenBack() {
    AlertRule latency =
        rule(
            "latency_percentile",
            "{\"filter\": {\"service\": \"pay\", \"level\": \"info\"}, \"window_seconds\": 300,"
                + " \"percentile\": 0.99, \"op\": \">\", \"threshold\": 500}");
    assertThat(latency.kind()).isEqualTo(AlertKind.LATENCY_PERCENTILE);
    assertThat(latency.percentile()).isEqualTo(0.99);
    assertThat(latency.threshold()).isEqualTo(500);
    assertThat(AlertRule.fromJson(latency.toJson())).isEqualTo(latency);
    assertThat(latency.summary(612.5, Optional.empty()))
        .isEqualTo("declined payments: p99 latency 612.5 ms over 5m (> 500 ms)");

    AlertRule pattern =
        AlertRule.parse(
            "p_1",
            ID,
            "new errors",
            "new_pattern",
            "{\"filter\": {\"service\": \"pay\"}, \"window_seconds\": 3600}",
            0,
            "warning",
            "{}",
            "",
            true,
            1);
    assertThat(pattern.kind()).isEqualTo(AlertKind.NEW_PATTERN);
    assertThat(pattern.definitionJson().toString())
        .isEqualTo("{\"filter\":{\"service\":\"pay\"},\"window_seconds\":3600}");
    assertThat(AlertRule.fromJson(pattern.toJson())).isEqualTo(pattern);
    assertThat(pattern.summary(1, Optional.empty(), "disk full"))
        .isEqualTo("new errors: a new log pattern in pay: disk full");
    assertThatThrownBy(
            () ->
                AlertRule.parse(
                    "p",
                    ID,
                    "n",
                    "new_pattern",
                    "{\"window_seconds\": 60}",
                    0,
                    "info",
                    "{\"pattern\":\"x\"}",
                    "",
                    true,
                    1))
        .hasMessageStartingWith("labels.pattern: ");
  }

  @Test
  void derivedMetricRowsAreReadAndWrittenBack() {
    AlertRule rule =
        rule(
            "derived_metric",
            """
            {"recording_rule_id": "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b", "group": {"service": "pay"},
             "over": "avg", "window_seconds": 300, "op": ">", "threshold": 250.5}""");

    assertThat(rule.kind()).isEqualTo(AlertKind.DERIVED_METRIC);
    assertThat(rule.metric())
        .hasValueSatisfying(
            m -> {
              assertThat(m.recordingRuleId()).isEqualTo("6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b");
              assertThat(m.group()).containsExactlyEntriesOf(Map.of("service", "pay"));
              assertThat(m.over()).isEqualTo(DerivedMetric.Over.AVG);
              assertThat(m.watches(Map.of("service", "pay", "region", "eu"), false)).isTrue();
              assertThat(m.watches(Map.of("service", "search"), false)).isFalse();
              assertThat(m.watches(Map.of(), true)).isFalse();
            });
    assertThat(rule.filter()).isEqualTo(AlertFilter.ANY);
    assertThat(rule.definitionJson().toString())
        .isEqualTo(
            "{\"recording_rule_id\":\"6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b\",\"group\":{\"service\":\"pay\"},"
                + "\"over\":\"avg\",\"window_seconds\":300,\"op\":\">\",\"threshold\":250.5}");
    assertThat(AlertRule.fromJson(rule.toJson())).isEqualTo(rule);
    assertThat(rule.summary(300, Optional.empty()))
        .isEqualTo("declined payments: avg of the derived metric 300 over 5m (> 250.5)");
    assertThat(DerivedMetric.Over.SUM.of(java.util.List.of(1.0, 2.0, 4.0))).isEqualTo(7);
    assertThat(DerivedMetric.Over.LAST.of(java.util.List.of(1.0, 2.0, 4.0))).isEqualTo(4);
    assertThat(DerivedMetric.Over.MIN.of(java.util.List.of())).isNaN();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "match_count | {\"window_seconds\": 0, \"op\": \">\", \"threshold\": 1} | definition.window_seconds",
        "match_count | {\"window_seconds\": 60, \"op\": \"=>\", \"threshold\": 1} | definition.op",
        "match_count | {\"window_seconds\": 60, \"op\": \">\"} | definition.threshold",
        "match_count | {\"window_seconds\": 60, \"op\": \">\", \"threshold\": \"10\"} | definition.threshold",
        "error_rate | {\"window_seconds\": 60, \"op\": \">\", \"threshold\": 5} | definition.threshold",
        "absence | {\"window_seconds\": 60, \"op\": \">\"} | definition.op",
        "match_count | {\"filter\": {\"level\": \"loud\"}, \"window_seconds\": 60, \"op\": \">\", \"threshold\": 1} | definition.filter.level",
        "match_count | {\"filter\": {\"host\": \"a\"}, \"window_seconds\": 60, \"op\": \">\", \"threshold\": 1} | definition.filter.host",
        "match_count | {\"filter\": {\"attributes\": {\"a b\": \"x\"}}, \"window_seconds\": 60, \"op\": \">\", \"threshold\": 1} | definition.filter.attributes.a b",
        "match_count | [1] | definition",
        "match_count | {nope | definition",
        "latency | {} | kind",
        "latency_percentile | {\"filter\": {\"text\": \"slow\"}, \"window_seconds\": 60, \"percentile\": 0.9, \"op\": \">\", \"threshold\": 1} | definition.filter.text",
        "latency_percentile | {\"filter\": {\"attributes\": {\"a\": \"b\"}}, \"window_seconds\": 60, \"percentile\": 0.9, \"op\": \">\", \"threshold\": 1} | definition.filter.attributes",
        "latency_percentile | {\"window_seconds\": 60, \"percentile\": 1.5, \"op\": \">\", \"threshold\": 1} | definition.percentile",
        "latency_percentile | {\"window_seconds\": 60, \"percentile\": 0, \"op\": \">\", \"threshold\": 1} | definition.percentile",
        "latency_percentile | {\"window_seconds\": 60, \"op\": \">\", \"threshold\": 1} | definition.percentile",
        "latency_percentile | {\"window_seconds\": 60, \"percentile\": 0.9, \"op\": \">\", \"threshold\": -1} | definition.threshold",
        "match_count | {\"window_seconds\": 60, \"percentile\": 0.9, \"op\": \">\", \"threshold\": 1} | definition.percentile",
        "new_pattern | {\"window_seconds\": 60, \"op\": \">\"} | definition.op",
        "new_pattern | {\"window_seconds\": 60} | for_seconds",
        "derived_metric | {\"over\": \"sum\", \"window_seconds\": 300, \"op\": \">\", \"threshold\": 1} | definition.recording_rule_id",
        "derived_metric | {\"recording_rule_id\": \"nope\", \"over\": \"sum\", \"window_seconds\": 300, \"op\": \">\", \"threshold\": 1} | definition.recording_rule_id",
        "derived_metric | {\"recording_rule_id\": \"6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b\", \"window_seconds\": 300, \"op\": \">\", \"threshold\": 1} | definition.over",
        "derived_metric | {\"recording_rule_id\": \"6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b\", \"over\": \"median\", \"window_seconds\": 300, \"op\": \">\", \"threshold\": 1} | definition.over",
        "derived_metric | {\"recording_rule_id\": \"6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b\", \"over\": \"sum\", \"window_seconds\": 90, \"op\": \">\", \"threshold\": 1} | definition.window_seconds",
        "derived_metric | {\"recording_rule_id\": \"6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b\", \"over\": \"sum\", \"window_seconds\": 300, \"threshold\": 1} | definition.op",
        "derived_metric | {\"recording_rule_id\": \"6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b\", \"group\": {\"service\": 1}, \"over\": \"sum\", \"window_seconds\": 300, \"op\": \">\", \"threshold\": 1} | definition.group.service",
        "derived_metric | {\"recording_rule_id\": \"6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b\", \"group\": [1], \"over\": \"sum\", \"window_seconds\": 300, \"op\": \">\", \"threshold\": 1} | definition.group",
        "derived_metric | {\"recording_rule_id\": \"6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b\", \"filter\": {}, \"over\": \"sum\", \"window_seconds\": 300, \"op\": \">\", \"threshold\": 1} | definition.filter",
      })
  void badDefinitionsAreRefusedNamingTheField(String kind, String definition, String field) {
    assertThatThrownBy(() -> rule(kind, definition))
        .isInstanceOfSatisfying(
            InvalidAlertRuleException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageStartingWith(field + ": ");
  }

  @Test
  void badColumnsAreRefusedNamingTheColumn() {
    String definition = "{\"window_seconds\": 60, \"op\": \">\", \"threshold\": 1}";
    assertThatThrownBy(
            () ->
                AlertRule.parse(
                    "p", "nope", "n", "match_count", definition, 0, "info", "{}", "", true, 1))
        .hasMessageStartingWith("id: ");
    assertThatThrownBy(
            () ->
                AlertRule.parse(
                    "p", ID, "n", "match_count", definition, -1, "info", "{}", "", true, 1))
        .hasMessageStartingWith("for_seconds: ");
    assertThatThrownBy(
            () ->
                AlertRule.parse(
                    "p", ID, "n", "match_count", definition, 0, "page", "{}", "", true, 1))
        .hasMessageStartingWith("severity: ");
    assertThatThrownBy(
            () ->
                AlertRule.parse(
                    "p",
                    ID,
                    "n",
                    "match_count",
                    definition,
                    0,
                    "info",
                    "{\"silenced\":\"no\"}",
                    "",
                    true,
                    1))
        .hasMessageStartingWith("labels.silenced: ");
    assertThatThrownBy(
            () ->
                AlertRule.parse(
                    "p", ID, " ", "match_count", definition, 0, "info", "{}", "", true, 1))
        .hasMessageStartingWith("name: ");
  }

  @Test
  void rowJsonReadsBackEqual() {
    AlertRule rule =
        rule(
            "match_count",
            "{\"filter\": {\"service\": \"pay\", \"level\": [\"warn\", \"error\"], \"text\": \"a \\\"b c\\\"\"},"
                + " \"window_seconds\": 90, \"op\": \"<=\", \"threshold\": 2.5}");
    assertThat(AlertRule.fromJson(rule.toJson())).isEqualTo(rule);
  }

  @Test
  void fingerprintDependsOnRuleAndLabelsOnly() {
    AlertRule a = rule("absence", "{\"window_seconds\": 60}");
    AlertRule renamed =
        AlertRule.parse(
            "p_1",
            ID,
            "other",
            "absence",
            "{\"window_seconds\": 120}",
            0,
            "info",
            "{\"team\":\"pay\"}",
            "",
            true,
            9);
    AlertRule relabelled =
        AlertRule.parse(
            "p_1",
            ID,
            "other",
            "absence",
            "{\"window_seconds\": 60}",
            0,
            "info",
            "{\"team\":\"ops\"}",
            "",
            true,
            1);
    AlertRule otherRule =
        AlertRule.parse(
            "p_1",
            UUID.randomUUID().toString(),
            "n",
            "absence",
            "{\"window_seconds\": 60}",
            0,
            "info",
            "{\"team\":\"pay\"}",
            "",
            true,
            1);

    assertThat(a.fingerprint()).hasSize(16).matches("[0-9a-f]+").isEqualTo(renamed.fingerprint());
    assertThat(a.fingerprint())
        .isNotEqualTo(relabelled.fingerprint())
        .isNotEqualTo(otherRule.fingerprint());
  }

  @Test
  void summaryFillsTheTemplateOrTheKindsDefault() {
    AlertRule custom =
        AlertRule.parse(
            "p_1",
            ID,
            "declines",
            "error_rate",
            "{\"filter\": {\"service\": \"pay\"}, \"window_seconds\": 300, \"op\": \">\", \"threshold\": 0.05}",
            0,
            "warning",
            "{}",
            "{{service}} error rate {{value}} > {{threshold}} over {{window}} ({{rule}})",
            true,
            1);
    assertThat(custom.summary(0.0625, Optional.empty()))
        .isEqualTo("pay error rate 0.0625 > 0.05 over 5m (declines)");
    assertThat(custom.summary(1.0 / 3, Optional.of("pay-eu")))
        .startsWith("pay-eu error rate 0.3333 ");

    assertThat(
            rule("match_count", "{\"window_seconds\": 90, \"op\": \">\", \"threshold\": 10}")
                .summary(12, Optional.empty()))
        .isEqualTo("declined payments: 12 matching events in 90s (> 10)");
  }

  @Test
  void silenceMutesItsRuleWhileItLastsAndWhenMatchersHold() {
    AlertRule rule = rule("absence", "{\"window_seconds\": 60}");
    Instant start = Instant.parse("2024-05-03T10:00:00Z");
    Instant end = start.plusSeconds(3600);
    AlertSilence silence =
        new AlertSilence("p_1", "s", Optional.of(ID), Map.of("team", "pay"), start, end);

    assertThat(silence.mutes(rule, rule.labels(), start)).isTrue();
    assertThat(silence.mutes(rule, rule.labels(), end)).isFalse();
    assertThat(silence.mutes(rule, rule.labels(), start.minusMillis(1))).isFalse();
    assertThat(silence.mutes(rule, Map.of("team", "ops"), start)).isFalse();
    assertThat(
            new AlertSilence("p_1", "s", Optional.empty(), Map.of(), start, end)
                .mutes(rule, Map.of(), start))
        .isTrue();
    assertThat(
            new AlertSilence("p_2", "s", Optional.empty(), Map.of(), start, end)
                .mutes(rule, Map.of(), start))
        .isFalse();
    assertThat(
            new AlertSilence(
                    "p_1", "s", Optional.of(UUID.randomUUID().toString()), Map.of(), start, end)
                .mutes(rule, Map.of(), start))
        .isFalse();
  }
}
