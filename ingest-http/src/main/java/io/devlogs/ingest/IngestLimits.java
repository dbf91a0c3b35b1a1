package io.devlogs.ingest;

/**
 * Size limits of one request.
 *
 * @param maxBodyBytes largest request body; larger is answered 413
 * @param maxEventBytes largest single event; must stay below Kafka's {@code max.request.size} (1 MB
 *     by default) so an oversized event is a 413 for the client, not a producer error
 * @param maxDecodedBodyBytes largest body once decompressed (gzip, deflate, snappy); larger is
 *     answered 413 as soon as decompression passes it
 */
public record IngestLimits(long maxBodyBytes, int maxEventBytes, long maxDecodedBodyBytes) {

  public static final IngestLimits DEFAULT =
      new IngestLimits(10L * 1024 * 1024, 900 * 1024, 64L * 1024 * 1024);

  public IngestLimits {
    if (maxBodyBytes <= 0 || maxEventBytes <= 0 || maxDecodedBodyBytes <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** Limits whose decompressed body limit is four times the body limit. */
  public IngestLimits(long maxBodyBytes, int maxEventBytes) {
    this(maxBodyBytes, maxEventBytes, 4 * maxBodyBytes);
  }
}
