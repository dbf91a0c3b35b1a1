package io.devlogs.query.alerts.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a receiver is reached and which body it gets. */
public enum ReceiverKind {
  /** HTTP POST of the generic JSON body ({@link NotificationBody#generic}). */
  WEBHOOK,
  /** HTTP POST of a Slack-compatible incoming-webhook body ({@code text} and {@code blocks}). */
  SLACK,
  /** HTTP POST of a PagerDuty Events API v2 body, deduplicated on the alert's fingerprint. */
  PAGERDUTY,
  /** An e-mail over SMTP to the receiver's address. */
  EMAIL;

  /** The stored and API spelling: {@code webhook}, {@code slack}, ... */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ReceiverKind> parse(String code) {
    return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst();
  }

  /** Whether it is sent over HTTP (and signed). */
  public boolean isHttp() {
    return this != EMAIL;
  }
}
