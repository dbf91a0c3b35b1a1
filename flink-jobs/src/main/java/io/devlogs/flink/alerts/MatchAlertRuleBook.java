package io.devlogs.flink.alerts;

import io.devlogs.alerts.AlertRule;

/**
 * A matcher over the alert rules' broadcast book ({@link MatchAlertRules#RULES}, {@link LoadedRule}
 * texts): what the matchers of events and of recorded minutes share.
 *
 * @param <IN> what is matched
 */
public abstract class MatchAlertRuleBook<IN>
    extends MatchRulesOfProject<IN, AlertRule, AlertInput> {

  private static final long serialVersionUID = 1L;

  protected MatchAlertRuleBook() {
    super(MatchAlertRules.RULES);
  }

  @Override
  protected final AlertRule parse(String text) {
    return LoadedRule.fromJson(text).rule();
  }

  @Override
  protected final String projectOf(AlertRule rule) {
    return rule.project();
  }
}
