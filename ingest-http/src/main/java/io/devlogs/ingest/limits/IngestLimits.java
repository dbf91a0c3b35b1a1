package io.devlogs.ingest.limits;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.IngestKeys;
import java.util.Map;

/**
 * Size limits of one request; each is a setting of the ingest service.
 *
 * @param maxBodyBytes largest request body as sent ({@code ingest.max-body-bytes}); larger is
 *     answered 413
 * @param maxEventBytes largest single event ({@code ingest.max-event-bytes}); must stay below
 *     Kafka's {@code max.request.size} (1 MB by default) so an oversized event is a 413 for the
 *     client, not a producer error
 * @param maxDecodedBodyBytes largest body once decompressed, gzip, deflate or snappy ({@code
 *     ingest.max-decoded-body-bytes}); larger is answered 413 as soon as decompression passes it
 * @param maxEventsPerRequest most events in one request, valid or not ({@code
 *     ingest.max-events-per-request}); more is answered 413 and nothing is written
 */
public record IngestLimits(
    long maxBodyBytes, int maxEventBytes, long maxDecodedBodyBytes, int maxEventsPerRequest) {

  /** Kafka's default {@code max.request.size} less room for the record's key and headers. */
  static final int MAX_EVENT_BYTES_CEILING = 1_000_000;

  /** The defaults of the settings registry. */
  public static final IngestLimits DEFAULT = from(Settings.of(Map.of()));

  public IngestLimits {
    if (maxBodyBytes <= 0
        || maxEventBytes <= 0
        || maxDecodedBodyBytes <= 0
        || maxEventsPerRequest <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (maxEventBytes > MAX_EVENT_BYTES_CEILING) {
      throw new IllegalArgumentException(
          IngestKeys.MAX_EVENT_BYTES.key()
              + " must be at most "
              + MAX_EVENT_BYTES_CEILING
              + " (Kafka's max.request.size), was "
              + maxEventBytes
              + ": lower it, so that an oversized event is a 413 for the client");
    }
  }

  /** Limits with the default number of events per request. */
  public IngestLimits(long maxBodyBytes, int maxEventBytes, long maxDecodedBodyBytes) {
    this(maxBodyBytes, maxEventBytes, maxDecodedBodyBytes, DEFAULT.maxEventsPerRequest());
  }

  /** Limits whose decompressed body limit is four times the body limit. */
  public IngestLimits(long maxBodyBytes, int maxEventBytes) {
    this(maxBodyBytes, maxEventBytes, 4 * maxBodyBytes);
  }

  /**
   * The limits of the {@code ingest.max-*} settings (defaults: the registry's, as {@link
   * #DEFAULT}).
   */
  public static IngestLimits from(Settings settings) {
    return new IngestLimits(
        settings.get(IngestKeys.MAX_BODY_BYTES),
        settings.get(IngestKeys.MAX_EVENT_BYTES),
        settings.get(IngestKeys.MAX_DECODED_BODY_BYTES),
        settings.get(IngestKeys.MAX_EVENTS_PER_REQUEST));
  }
}
