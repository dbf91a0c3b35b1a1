package io.devlogs.query.alerts;

import io.devlogs.query.alerts.notify.Delivery;
import io.devlogs.query.alerts.notify.NotificationStore;
import io.devlogs.query.alerts.notify.ReceiverKind;
import java.util.Map;
import java.util.Objects;

/**
 * What the alerts API needs: the stores over PostgreSQL and the deliveries a receiver's test-send
 * uses (the notifier's own).
 */
public record AlertsDeps(
    RuleStore rules,
    SilenceStore silences,
    AlertHistoryStore history,
    NotificationStore notifications,
    Map<ReceiverKind, Delivery> deliveries) {

  public AlertsDeps {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(silences, "silences");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(notifications, "notifications");
    deliveries = Map.copyOf(deliveries);
  }

  /** Every store over one database. */
  public static AlertsDeps over(Connections db, Map<ReceiverKind, Delivery> deliveries) {
    return new AlertsDeps(
        new RuleStore(db),
        new SilenceStore(db),
        new AlertHistoryStore(db),
        new NotificationStore(db),
        deliveries);
  }

  /** Alerts without a database: every route answers 503. */
  public static AlertsDeps unavailable() {
    return over(Connections.unavailable(), Map.of());
  }
}
