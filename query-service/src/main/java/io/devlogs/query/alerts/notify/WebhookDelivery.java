package io.devlogs.query.alerts.notify;

import io.devlogs.alerts.AlertTransition;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * POSTs a body to a receiver's URL with the JDK's HTTP client: signed ({@link WebhookSignature}),
 * with the transition's idempotency key, answered 2xx or failed.
 */
public final class WebhookDelivery implements Delivery {
  private final HttpClient client;
  private final Duration timeout;
  private final Clock clock;

  public WebhookDelivery(Duration timeout, Clock clock) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public void send(Receiver receiver, AlertTransition transition, byte[] body)
      throws DeliveryException {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(receiver.target()))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .header("User-Agent", "devlogs-alerts")
              .header(WebhookSignature.IDEMPOTENCY_HEADER, transition.idempotencyKey())
              .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
              .header(
                  WebhookSignature.SIGNATURE_HEADER,
                  WebhookSignature.sign(receiver.secret(), timestamp, body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
    } catch (IllegalArgumentException e) {
      throw new DeliveryException("not a usable URL: " + e.getMessage(), true);
    }
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DeliveryException("POST " + receiver.target() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted", e);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      boolean permanent = status / 100 == 4 && status != 408 && status != 429;
      throw new DeliveryException(
          "POST " + receiver.target() + " answered " + status + ": " + abbreviate(response.body()),
          permanent);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
