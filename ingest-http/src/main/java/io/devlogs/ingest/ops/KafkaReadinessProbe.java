package io.devlogs.ingest.ops;

import io.devlogs.http.ReadinessProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Kafka is ready when the raw topic's metadata arrives within the timeout: the brokers answer and
 * the topic exists. Uses one long-lived admin client.
 */
public final class KafkaReadinessProbe implements ReadinessProbe, AutoCloseable {

  private final Admin admin;
  private final String topic;
  private final Duration timeout;

  public KafkaReadinessProbe(String bootstrapServers, String topic, Duration timeout) {
    int timeoutMs = (int) timeout.toMillis();
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "devlogs-ingest-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs));
    this.topic = topic;
    this.timeout = timeout;
  }

  @Override
  public void check() throws InterruptedException {
    try {
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw noAnswer("");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw noAnswer(": " + cause.getMessage());
      }
      throw new IllegalStateException(
          "topic '" + topic + "': " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
  }

  private IllegalStateException noAnswer(String why) {
    return new IllegalStateException(
        "no answer from Kafka about topic '"
            + topic
            + "' within "
            + timeout.toMillis()
            + " ms"
            + why);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
