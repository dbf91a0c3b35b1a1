package io.devlogs.query.alerts.notify;

import io.devlogs.alerts.AlertState;
import io.devlogs.alerts.AlertTransition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one transition to each of its rule's receivers: firing, and resolved after firing, are
 * notified; pending and silenced transitions only live in the history. Each receiver gets up to
 * {@link RetryPolicy#attempts()} attempts with backoff; then the notification is a dead letter the
 * project can list. A receiver that has the transition already (delivered or dead-lettered before a
 * crash) is skipped, so a replay repeats at most the one delivery that was under way.
 */
public final class TransitionNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(TransitionNotifier.class);

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration duration) throws InterruptedException;

    Pause SLEEP = duration -> Thread.sleep(duration.toMillis());
  }

  private final NotificationStore store;
  private final Map<ReceiverKind, Delivery> deliveries;
  private final RetryPolicy retries;
  private final Pause pause;
  private final NotifierMetrics metrics;

  public TransitionNotifier(
      NotificationStore store,
      Map<ReceiverKind, Delivery> deliveries,
      RetryPolicy retries,
      Pause pause,
      NotifierMetrics metrics) {
    this.store = Objects.requireNonNull(store, "store");
    this.deliveries = Map.copyOf(deliveries);
    this.retries = Objects.requireNonNull(retries, "retries");
    this.pause = Objects.requireNonNull(pause, "pause");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** Whether receivers hear of this transition at all. */
  public static boolean notifies(AlertTransition transition) {
    if (transition.silenced()) {
      return false;
    }
    return transition.state() == AlertState.FIRING
        || (transition.state() == AlertState.RESOLVED
            && transition.previousState() == AlertState.FIRING);
  }

  /**
   * Delivers or dead-letters the transition for every receiver of its rule; returns once each has
   * an outcome recorded.
   *
   * @throws InterruptedException if the service is stopping; the transition is then read again
   */
  public void notify(AlertTransition transition) throws InterruptedException {
    if (!notifies(transition)) {
      return;
    }
    UUID ruleId = UUID.fromString(transition.ruleId());
    for (Receiver receiver : store.receiversOf(transition.project(), ruleId)) {
      if (store.handled(transition.idempotencyKey(), receiver.id())) {
        LOG.info("{} has {} already", receiver, transition.idempotencyKey());
        continue;
      }
      deliver(receiver, ruleId, transition);
    }
  }

  /** Sends to one receiver with retries, and records the outcome. */
  public Outcome deliver(Receiver receiver, UUID ruleId, AlertTransition transition)
      throws InterruptedException {
    Delivery delivery = deliveries.get(receiver.kind());
    byte[] body = NotificationBody.of(receiver, transition);
    String lastError = "no delivery for receivers of kind " + receiver.kind().code();
    int attempt = 0;
    while (delivery != null && attempt < retries.attempts()) {
      attempt++;
      if (attempt > 1) {
        pause.pause(retries.delayBefore(attempt, ThreadLocalRandom.current()::nextDouble));
      }
      try {
        delivery.send(receiver, transition, body);
        store.recordDelivery(receiver, ruleId, transition.idempotencyKey(), attempt);
        metrics.delivered(receiver.kind(), attempt);
        LOG.info("delivered {} to {} (attempt {})", transition.idempotencyKey(), receiver, attempt);
        return new Outcome(true, attempt, null);
      } catch (DeliveryException e) {
        lastError = e.getMessage();
        LOG.warn(
            "attempt {} of {} to deliver {} to {} failed: {}",
            attempt,
            retries.attempts(),
            transition.idempotencyKey(),
            receiver,
            lastError);
        if (e.permanent()) {
          break;
        }
      }
    }
    store.recordFailure(
        receiver,
        ruleId,
        transition.idempotencyKey(),
        transition.state().wireName(),
        attempt,
        lastError,
        new String(body, StandardCharsets.UTF_8));
    metrics.deadLettered(receiver.kind());
    LOG.error(
        "gave up delivering {} to {} after {} attempts: {}",
        transition.idempotencyKey(),
        receiver,
        attempt,
        lastError);
    return new Outcome(false, attempt, lastError);
  }

  /** How a delivery ended; {@code error} is null on success. */
  public record Outcome(boolean delivered, int attempts, String error) {}
}
