package io.devlogs.settings.keys;

import static io.devlogs.settings.Component.INGEST;

import io.devlogs.settings.Setting;
import io.devlogs.settings.ValueType;

/** The ingest service: where it listens, what it accepts, how long it waits. */
public final class IngestKeys {
  private IngestKeys() {}

  public static final Setting<String> HOST =
      Setting.of("ingest.host", ValueType.TEXT, "0.0.0.0", "bind address", INGEST)
          .inLocalStack(LocalStack.HOST);

  public static final Setting<Integer> PORT =
      Setting.of("ingest.port", ValueType.PORT, "18080", "HTTP port", INGEST).inLocalStack();

  public static final Setting<Integer> MAX_BODY_BYTES =
      Setting.of(
          "ingest.max-body-bytes",
          ValueType.integer(1, Integer.MAX_VALUE),
          "10485760",
          "largest request body as sent; larger is 413",
          INGEST);

  public static final Setting<Integer> MAX_DECODED_BODY_BYTES =
      Setting.of(
          "ingest.max-decoded-body-bytes",
          ValueType.integer(1, Integer.MAX_VALUE),
          "67108864",
          "largest body after decompression; 413 as soon as decompression passes it",
          INGEST);

  public static final Setting<Integer> MAX_EVENT_BYTES =
      Setting.of(
          "ingest.max-event-bytes",
          ValueType.integer(1, Integer.MAX_VALUE),
          "921600",
          "largest single event; must stay below Kafka's record limit",
          INGEST);

  public static final Setting<Integer> MAX_EVENTS_PER_REQUEST =
      Setting.of(
          "ingest.max-events-per-request",
          ValueType.integer(1, Integer.MAX_VALUE),
          "10000",
          "most events in one request; more is 413 and nothing is written",
          INGEST);

  public static final Setting<Long> RATE_EVENTS_PER_SECOND =
      Setting.of(
          "ingest.rate-limit.events-per-second",
          ValueType.longInteger(0, Long.MAX_VALUE),
          "50000",
          "events per second per key; 0 disables the limit",
          INGEST);

  public static final Setting<Long> RATE_EVENTS_BURST =
      Setting.of(
          "ingest.rate-limit.events-burst",
          ValueType.longInteger(1, Long.MAX_VALUE),
          null,
          "events a key may send at once (default: twice the rate)",
          INGEST);

  public static final Setting<Long> RATE_BYTES_PER_SECOND =
      Setting.of(
          "ingest.rate-limit.bytes-per-second",
          ValueType.longInteger(0, Long.MAX_VALUE),
          "52428800",
          "bytes of event JSON per second per key; 0 disables the limit",
          INGEST);

  public static final Setting<Long> RATE_BYTES_BURST =
      Setting.of(
          "ingest.rate-limit.bytes-burst",
          ValueType.longInteger(1, Long.MAX_VALUE),
          null,
          "bytes a key may send at once (default: twice the rate)",
          INGEST);

  public static final Setting<Long> RATE_PROJECT_EVENTS_PER_SECOND =
      Setting.of(
          "ingest.rate-limit.project-events-per-second",
          ValueType.longInteger(0, Long.MAX_VALUE),
          "100000",
          "events per second of all a project's keys together (burst: twice); 0 disables the limit",
          INGEST);

  public static final Setting<Long> RATE_PROJECT_BYTES_PER_SECOND =
      Setting.of(
          "ingest.rate-limit.project-bytes-per-second",
          ValueType.longInteger(0, Long.MAX_VALUE),
          "104857600",
          "bytes of event JSON per second of all a project's keys together (burst: twice); 0 disables the limit",
          INGEST);

  public static final Setting<Integer> RATE_MAX_KEYS =
      Setting.of(
          "ingest.rate-limit.max-keys",
          ValueType.integer(1, Integer.MAX_VALUE),
          "100000",
          "how many keys' (and projects') rate buckets are kept",
          INGEST);

  public static final Setting<Integer> SEND_TIMEOUT_MS =
      Setting.of(
          "ingest.send-timeout-ms",
          ValueType.integer(1, Integer.MAX_VALUE),
          "5000",
          "the longest a request waits for Kafka",
          INGEST);

  public static final Setting<Integer> READINESS_TIMEOUT_MS =
      Setting.of(
          "ingest.readiness-timeout-ms",
          ValueType.integer(1, Integer.MAX_VALUE),
          "2000",
          "how long /readyz waits for Kafka",
          INGEST);

  public static final Setting<Integer> READINESS_CACHE_MS =
      Setting.of(
          "ingest.readiness-cache-ms",
          ValueType.integer(1, Integer.MAX_VALUE),
          "5000",
          "how long a readiness answer is reused",
          INGEST);

  public static final Setting<String> TLS_KEYSTORE =
      Setting.of(
          "ingest.tls.keystore",
          ValueType.TEXT,
          null,
          "PKCS12 file with the server key and chain; when set, the port serves only HTTPS (unset: plain HTTP)",
          INGEST);

  public static final Setting<String> TLS_KEYSTORE_PASSWORD =
      Setting.of("ingest.tls.keystore-password", ValueType.TEXT, null, "its password", INGEST)
          .asSecret();

  public static final Setting<String> TLS_CLIENT_AUTH =
      Setting.of(
          "ingest.tls.client-auth",
          ValueType.TEXT,
          "none",
          "`optional` or `required` asks clients for a certificate (mutual TLS; see \"TLS and mutual TLS\")",
          INGEST);

  public static final Setting<String> TLS_TRUSTSTORE =
      Setting.of(
          "ingest.tls.truststore",
          ValueType.TEXT,
          null,
          "PKCS12 file with the CA that signs client certificates (needed unless client-auth is `none`)",
          INGEST);

  public static final Setting<String> TLS_TRUSTSTORE_PASSWORD =
      Setting.of("ingest.tls.truststore-password", ValueType.TEXT, null, "its password", INGEST)
          .asSecret();
}
