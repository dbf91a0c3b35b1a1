package io.devlogs.flink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.alerts.AlertRule;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events are matched against their own project's rules, and rule books become rule inputs. */
class MatchAlertRulesTest {

  private static final String PAY_RULE = UUID.randomUUID().toString();
  private static final String ANY_RULE = UUID.randomUUID().toString();
  private static final String OTHER_PROJECT_RULE = UUID.randomUUID().toString();

  private BroadcastOperatorTestHarness<LogEvent, RuleBook, AlertInput> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
            new MatchAlertRules(), MatchAlertRules.RULES);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static String loaded(String project, String id, String filter, long version) {
    return new LoadedRule(
            AlertRule.parse(
                project,
                id,
                "r",
                "match_count",
                "{\"filter\": "
                    + filter
                    + ", \"window_seconds\": 60, \"op\": \">\", \"threshold\": 1}",
                0,
                "warning",
                "{}",
                "",
                true,
                version),
            List.of())
        .toJson();
  }

  private static LogEvent event(String project, String service, Level level, String message) {
    return new LogEvent(
        project, "e-" + message, 1_000_000_000L, level, service, "s", message, Map.of(), 2_000L);
  }

  @Test
  void eventsReachTheRulesOfTheirProjectThatMatchThem() throws Exception {
    String pay = loaded("p_1", PAY_RULE, "{\"service\": \"pay\", \"text\": \"declined\"}", 1);
    String any = loaded("p_1", ANY_RULE, "{}", 1);
    String other = loaded("p_2", OTHER_PROJECT_RULE, "{}", 1);
    harness.processBroadcastElement(
        new RuleBook(
            Map.of(
                RuleKeys.of("p_1", PAY_RULE), pay,
                RuleKeys.of("p_1", ANY_RULE), any,
                RuleKeys.of("p_2", OTHER_PROJECT_RULE), other)),
        0);
    assertThat(harness.extractOutputValues())
        .as("each new rule goes to its evaluation")
        .extracting(AlertInput::kind)
        .containsOnly(AlertInput.Kind.RULE)
        .hasSize(3);
    harness.getOutput().clear();

    harness.processElement(event("p_1", "pay", Level.ERROR, "card DECLINED"), 1);
    harness.processElement(event("p_1", "shop", Level.INFO, "declined"), 2);
    harness.processElement(event("p_3", "pay", Level.ERROR, "declined"), 3);

    assertThat(harness.extractOutputValues())
        .extracting(i -> i.key() + "|" + i.eventId() + "|" + i.error() + "|" + i.ruleVersion())
        .containsExactlyInAnyOrder(
            RuleKeys.of("p_1", PAY_RULE) + "|e-card DECLINED|true|1",
            RuleKeys.of("p_1", ANY_RULE) + "|e-card DECLINED|true|1",
            RuleKeys.of("p_1", ANY_RULE) + "|e-declined|false|1");
  }

  @Test
  void aChangedOrMissingRuleIsSentOnAndAnUnchangedOneIsNot() throws Exception {
    String v1 = loaded("p_1", PAY_RULE, "{}", 1);
    String any = loaded("p_1", ANY_RULE, "{}", 1);
    harness.processBroadcastElement(
        new RuleBook(Map.of(RuleKeys.of("p_1", PAY_RULE), v1, RuleKeys.of("p_1", ANY_RULE), any)),
        0);
    harness.getOutput().clear();

    String v2 = loaded("p_1", PAY_RULE, "{\"level\": \"error\"}", 2);
    harness.processBroadcastElement(new RuleBook(Map.of(RuleKeys.of("p_1", PAY_RULE), v2)), 1);

    assertThat(harness.extractOutputValues())
        .extracting(i -> i.kind() + "|" + i.key())
        .containsExactlyInAnyOrder(
            "REMOVED|" + RuleKeys.of("p_1", ANY_RULE), "RULE|" + RuleKeys.of("p_1", PAY_RULE));
    harness.getOutput().clear();

    harness.processElement(event("p_1", "pay", Level.INFO, "x"), 2);
    harness.processElement(event("p_1", "pay", Level.ERROR, "y"), 3);
    assertThat(harness.extractOutputValues())
        .extracting(i -> i.eventId() + "|" + i.ruleVersion())
        .containsExactly("e-y|2");
  }
}
