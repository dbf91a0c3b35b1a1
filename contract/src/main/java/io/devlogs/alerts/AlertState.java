package io.devlogs.alerts;

import java.util.Locale;

/**
 * Where an alert is in its lifecycle. {@code RESOLVED} is also the state of an alert that is not
 * active (never was, or no longer): a first transition has {@code previousState} resolved. An alert
 * that was pending and whose condition stopped holding before {@code for} passed is resolved too.
 */
public enum AlertState {
  /** The condition holds, for less than the rule's {@code for} duration. */
  PENDING,
  /** The condition has held for the rule's {@code for} duration: receivers are notified. */
  FIRING,
  /** The condition no longer holds (or the rule was changed, disabled or deleted). */
  RESOLVED;

  /** The name stored in {@code alert_history.state} and used in JSON: {@code firing}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state named {@code name} (its wire name). */
  public static AlertState fromWireName(String name) {
    for (AlertState state : values()) {
      if (state.wireName().equals(name)) {
        return state;
      }
    }
    throw new IllegalArgumentException(
        "unknown alert state '" + name + "', expected one of pending, firing, resolved");
  }
}
