package io.devlogs.alerts;

import java.util.Locale;

/** How urgent a rule's alerts are; the {@code severity} column of {@code alert_rules}. */
public enum AlertSeverity {
  INFO,
  WARNING,
  CRITICAL;

  /** The name stored in the database and used in JSON: {@code info}, {@code warning}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The severity named {@code name} (its wire name), or an exception listing the severities. */
  public static AlertSeverity fromWireName(String name) {
    for (AlertSeverity severity : values()) {
      if (severity.wireName().equals(name)) {
        return severity;
      }
    }
    throw new IllegalArgumentException(
        "unknown severity '" + name + "', expected one of info, warning, critical");
  }
}
