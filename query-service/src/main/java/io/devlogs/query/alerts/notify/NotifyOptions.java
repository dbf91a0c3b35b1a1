package io.devlogs.query.alerts.notify;

import io.devlogs.settings.HostPorts;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.KafkaKeys;
import io.devlogs.settings.keys.NotifyKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * The notifier's settings, read once at start-up ({@code notify.*}, {@code kafka.alerts-topic}).
 */
public record NotifyOptions(
    boolean enabled,
    String bootstrapServers,
    String topic,
    String groupId,
    RetryPolicy retries,
    Duration timeout,
    String smtpHost,
    int smtpPort,
    String smtpFrom) {

  public NotifyOptions {
    HostPorts.parse("kafka.bootstrap-servers", bootstrapServers);
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("kafka.alerts-topic must not be empty");
    }
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("notify.group-id must not be empty");
    }
    Objects.requireNonNull(retries, "retries");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("notify.timeout must be positive");
    }
  }

  public static NotifyOptions from(Settings settings) {
    Duration backoff = settings.get(NotifyKeys.BACKOFF);
    Duration maxBackoff = settings.get(NotifyKeys.MAX_BACKOFF);
    if (maxBackoff.compareTo(backoff) < 0) {
      throw new IllegalArgumentException(
          NotifyKeys.MAX_BACKOFF.key() + " must be at least " + NotifyKeys.BACKOFF.key());
    }
    return new NotifyOptions(
        settings.get(NotifyKeys.ENABLED),
        settings.get(KafkaKeys.BOOTSTRAP_SERVERS),
        settings.get(KafkaKeys.ALERTS_TOPIC),
        settings.get(NotifyKeys.GROUP_ID),
        new RetryPolicy(settings.get(NotifyKeys.ATTEMPTS), backoff, maxBackoff),
        settings.get(NotifyKeys.TIMEOUT),
        settings.get(NotifyKeys.SMTP_HOST),
        settings.get(NotifyKeys.SMTP_PORT),
        settings.get(NotifyKeys.SMTP_FROM));
  }

  /** The deliveries of every receiver kind with these timeouts and this SMTP server. */
  public java.util.Map<ReceiverKind, Delivery> deliveries(java.time.Clock clock) {
    WebhookDelivery webhook = new WebhookDelivery(timeout, clock);
    return java.util.Map.of(
        ReceiverKind.WEBHOOK, webhook,
        ReceiverKind.SLACK, webhook,
        ReceiverKind.PAGERDUTY, webhook,
        ReceiverKind.EMAIL, new EmailDelivery(smtpHost, smtpPort, smtpFrom, timeout));
  }
}
