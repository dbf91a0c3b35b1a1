package io.devlogs.ingest;

/**
 * Size limits of one request.
 *
 * @param maxBodyBytes largest request body; larger is answered 413
 * @param maxEventBytes largest single event; must stay below Kafka's {@code max.request.size} (1 MB
 *     by default) so an oversized event is a 413 for the client, not a producer error
 */
public record IngestLimits(long maxBodyBytes, int maxEventBytes) {

  public static final IngestLimits DEFAULT = new IngestLimits(10L * 1024 * 1024, 900 * 1024);

  public IngestLimits {
    if (maxBodyBytes <= 0 || maxEventBytes <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
