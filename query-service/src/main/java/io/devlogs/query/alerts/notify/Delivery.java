package io.devlogs.query.alerts.notify;

import io.devlogs.alerts.AlertTransition;

/** Sends one body to one receiver, once; the retries are {@link TransitionNotifier}'s. */
@FunctionalInterface
public interface Delivery {
  /**
   * @param body the body {@link NotificationBody#of} made for this receiver
   * @throws DeliveryException if the receiver did not accept it
   */
  void send(Receiver receiver, AlertTransition transition, byte[] body) throws DeliveryException;
}
