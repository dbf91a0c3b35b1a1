package io.devlogs.flink.alerts;

import io.devlogs.flink.config.TransactionalTopic;
import io.devlogs.projects.PostgresOptions;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.JobKeys;
import io.devlogs.settings.keys.KafkaKeys;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of the alert rules the job decides.
 *
 * @param enabled {@code alerts.enabled}: whether the job decides rules at all
 * @param refresh {@code alerts.refresh}: how often rules and silences are reloaded; a change
 *     reaches the running job at most this long (plus one query) after it was committed
 * @param postgres the database holding {@code alert_rules}, {@code alert_silences} and {@code
 *     alert_history}
 * @param topic {@code kafka.alerts-topic}, {@code kafka.alerts-transactional-id-prefix}
 */
public record AlertOptions(
    boolean enabled, Duration refresh, PostgresOptions postgres, TransactionalTopic topic)
    implements Serializable {

  public AlertOptions {
    Objects.requireNonNull(postgres, "postgres");
    Objects.requireNonNull(topic, "topic");
    if (refresh == null || refresh.toMillis() < 100) {
      throw new IllegalArgumentException(
          JobKeys.ALERTS_REFRESH.key() + " must be at least 100ms, e.g. 5s (got " + refresh + ")");
    }
  }

  /** The alert options the settings give. */
  public static AlertOptions from(Settings settings) {
    return new AlertOptions(
        settings.get(JobKeys.ALERTS_ENABLED),
        settings.get(JobKeys.ALERTS_REFRESH),
        PostgresOptions.from(settings),
        new TransactionalTopic(
            settings.get(KafkaKeys.BOOTSTRAP_SERVERS),
            settings.get(KafkaKeys.ALERTS_TOPIC),
            settings.get(KafkaKeys.ALERTS_TRANSACTIONAL_ID_PREFIX)));
  }
}
