package io.devlogs.flink.alerts;

/** The key of a rule in the job's state: project and rule id (a project id never has a NUL). */
public final class RuleKeys {
  private RuleKeys() {}

  public static String of(String project, String ruleId) {
    return project + '\u0000' + ruleId;
  }
}
