package io.devlogs.query.alerts.notify;

/**
 * One attempt to deliver failed. {@code permanent} failures (the receiver refused the request as
 * such: 4xx other than 408 and 429, a bad address) are not retried.
 */
public final class DeliveryException extends Exception {
  private final boolean permanent;

  public DeliveryException(String message, boolean permanent) {
    super(message);
    this.permanent = permanent;
  }

  public DeliveryException(String message, Throwable cause) {
    super(message + ": " + cause, cause);
    this.permanent = false;
  }

  public boolean permanent() {
    return permanent;
  }
}
