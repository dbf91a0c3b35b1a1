package io.devlogs.query.alerts.notify;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The notifier's Prometheus metrics: {@code devlogs_alert_notifications_total{kind,outcome}}
 * (outcome {@code delivered}, {@code retried_then_delivered} or {@code dead_letter}) and {@code
 * devlogs_alert_transitions_read_total{result}} ({@code handled}, {@code undecodable}).
 */
public final class NotifierMetrics {
  private final Counter notifications;
  private final Counter transitions;

  public NotifierMetrics(PrometheusRegistry registry) {
    notifications =
        Counter.builder()
            .name("devlogs_alert_notifications_total")
            .help("Alert notifications by receiver kind and outcome")
            .labelNames("kind", "outcome")
            .register(registry);
    transitions =
        Counter.builder()
            .name("devlogs_alert_transitions_read_total")
            .help("Alert transitions the notifier read, by result")
            .labelNames("result")
            .register(registry);
  }

  /** Metrics that go nowhere, for tests. */
  public static NotifierMetrics unregistered() {
    return new NotifierMetrics(new PrometheusRegistry());
  }

  void delivered(ReceiverKind kind, int attempts) {
    notifications
        .labelValues(kind.code(), attempts == 1 ? "delivered" : "retried_then_delivered")
        .inc();
  }

  void deadLettered(ReceiverKind kind) {
    notifications.labelValues(kind.code(), "dead_letter").inc();
  }

  void read(String result) {
    transitions.labelValues(result).inc();
  }
}
