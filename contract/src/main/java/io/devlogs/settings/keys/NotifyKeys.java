package io.devlogs.settings.keys;

import static io.devlogs.settings.Component.QUERY;

import io.devlogs.settings.Setting;
import io.devlogs.settings.ValueType;
import java.time.Duration;

/**
 * Alert notifications: the query service's notifier, which reads the alert transitions the job
 * writes to {@code kafka.alerts-topic} and sends them to each rule's receivers.
 */
public final class NotifyKeys {
  private NotifyKeys() {}

  public static final Setting<Boolean> ENABLED =
      Setting.of(
          "notify.enabled",
          ValueType.BOOLEAN,
          "true",
          "whether this query-service instance delivers alert notifications (every instance that does shares one consumer group)",
          QUERY);

  public static final Setting<String> GROUP_ID =
      Setting.of(
          "notify.group-id",
          ValueType.TEXT,
          "devlogs-alert-notifier",
          "consumer group of the notifiers on the alerts topic, shared by every query-service instance",
          QUERY);

  public static final Setting<Integer> ATTEMPTS =
      Setting.of(
          "notify.attempts",
          ValueType.integer(1, 50),
          "6",
          "attempts to deliver one notification to one receiver before it becomes a dead letter",
          QUERY);

  public static final Setting<Duration> BACKOFF =
      Setting.of(
          "notify.backoff",
          ValueType.DURATION,
          "500ms",
          "wait before the second attempt; doubles with each further attempt, with random jitter",
          QUERY);

  public static final Setting<Duration> MAX_BACKOFF =
      Setting.of(
          "notify.max-backoff",
          ValueType.DURATION,
          "30s",
          "the longest wait between two attempts",
          QUERY);

  public static final Setting<Duration> TIMEOUT =
      Setting.of(
          "notify.timeout",
          ValueType.DURATION,
          "10s",
          "how long one webhook request or SMTP conversation may take",
          QUERY);

  public static final Setting<String> SMTP_HOST =
      Setting.of(
          "notify.smtp-host",
          ValueType.TEXT,
          "127.0.0.1",
          "SMTP server of e-mail receivers",
          QUERY);

  public static final Setting<Integer> SMTP_PORT =
      Setting.of("notify.smtp-port", ValueType.PORT, "25", "port of the SMTP server", QUERY);

  public static final Setting<String> SMTP_FROM =
      Setting.of(
          "notify.smtp-from",
          ValueType.TEXT,
          "devlogs-alerts@localhost",
          "sender address of alert e-mails",
          QUERY);
}
