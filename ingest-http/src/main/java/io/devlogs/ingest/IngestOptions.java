package io.devlogs.ingest;

import io.devlogs.ingest.deadletters.DeadLetterStoreOptions;
import io.devlogs.ingest.kafka.KafkaSendOptions;
import io.devlogs.ingest.limits.IngestLimits;
import io.devlogs.ingest.limits.RateLimits;
import io.devlogs.ingest.ops.ReadinessOptions;
import io.devlogs.ingest.tls.TlsOptions;
import io.devlogs.projects.PostgresOptions;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.AuthKeys;
import io.devlogs.settings.keys.IngestKeys;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ingest service's configuration, read once at start-up from the settings registry ({@link
 * IngestKeys} and the Kafka, PostgreSQL and ClickHouse keys); each concern has its own options, and
 * every value is checked where it is read, with a message that says how to fix it. The key cache's
 * settings are read by {@code KeyAuthenticator}.
 *
 * @param host bind address ({@code ingest.host})
 * @param port HTTP or HTTPS port ({@code ingest.port})
 * @param limits size limits of one request
 * @param rateLimits per-key rates, for the rate limiter of {@link IngestDeps#ops()}
 * @param kafka where accepted events go, and how long a request waits for them
 * @param readiness how {@code /readyz} asks Kafka and the key store
 * @param tls HTTPS and mutual TLS; empty for plain HTTP
 * @param deadLetters where replayed dead letters are read
 * @param postgres the database of projects and keys
 * @param maxLiveKeysPerProject how many unrevoked, unexpired keys the admin API lets a project hold
 */
public record IngestOptions(
    String host,
    int port,
    IngestLimits limits,
    RateLimits rateLimits,
    KafkaSendOptions kafka,
    ReadinessOptions readiness,
    Optional<TlsOptions> tls,
    DeadLetterStoreOptions deadLetters,
    PostgresOptions postgres,
    int maxLiveKeysPerProject) {

  public IngestOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(rateLimits, "rateLimits");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Objects.requireNonNull(postgres, "postgres");
  }

  /**
   * The options of these settings.
   *
   * @throws IllegalArgumentException naming the first setting that is missing or wrong
   */
  public static IngestOptions from(Settings settings) {
    return new IngestOptions(
        settings.get(IngestKeys.HOST),
        settings.get(IngestKeys.PORT),
        IngestLimits.from(settings),
        RateLimits.from(settings),
        KafkaSendOptions.from(settings),
        ReadinessOptions.from(settings),
        TlsOptions.from(settings),
        DeadLetterStoreOptions.from(settings),
        PostgresOptions.from(settings),
        settings.get(AuthKeys.MAX_LIVE_KEYS_PER_PROJECT));
  }

  /** Every setting at its default (tests). */
  public static IngestOptions defaults() {
    return from(Settings.of(Map.of()));
  }

  /** Listens on this address; port 0 takes any free port (tests). */
  public IngestOptions withAddress(String host, int port) {
    return new IngestOptions(
        host,
        port,
        limits,
        rateLimits,
        kafka,
        readiness,
        tls,
        deadLetters,
        postgres,
        maxLiveKeysPerProject);
  }

  /** Serves HTTPS only, with these keystores. */
  public IngestOptions withTls(TlsOptions tls) {
    return new IngestOptions(
        host,
        port,
        limits,
        rateLimits,
        kafka,
        readiness,
        Optional.of(tls),
        deadLetters,
        postgres,
        maxLiveKeysPerProject);
  }

  /** At most this many live keys per project (tests). */
  public IngestOptions withMaxLiveKeysPerProject(int maxLiveKeysPerProject) {
    return new IngestOptions(
        host,
        port,
        limits,
        rateLimits,
        kafka,
        readiness,
        tls,
        deadLetters,
        postgres,
        maxLiveKeysPerProject);
  }

  public IngestOptions withLimits(IngestLimits limits) {
    return new IngestOptions(
        host,
        port,
        limits,
        rateLimits,
        kafka,
        readiness,
        tls,
        deadLetters,
        postgres,
        maxLiveKeysPerProject);
  }

  public IngestOptions withKafka(KafkaSendOptions kafka) {
    return new IngestOptions(
        host,
        port,
        limits,
        rateLimits,
        kafka,
        readiness,
        tls,
        deadLetters,
        postgres,
        maxLiveKeysPerProject);
  }

  public IngestOptions withSendTimeout(Duration sendTimeout) {
    return withKafka(kafka.withSendTimeout(sendTimeout));
  }

  /** The send timeout: how long a request waits for Kafka's acknowledgement. */
  public Duration sendTimeout() {
    return kafka.sendTimeout();
  }
}
