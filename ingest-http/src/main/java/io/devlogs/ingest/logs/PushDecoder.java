package io.devlogs.ingest.logs;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.ingest.formats.ContentEncodings;
import io.devlogs.ingest.formats.DecodedBody;
import io.devlogs.ingest.formats.IngestFormat;
import io.devlogs.ingest.formats.IngestFormats;
import io.devlogs.ingest.formats.InvalidBodyException;
import io.devlogs.ingest.formats.ProblemReport;
import io.devlogs.ingest.formats.UnsupportedFormatException;
import io.devlogs.ingest.limits.IngestLimits;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Step 2 of a push: the body as events. Decompresses it ({@code Content-Encoding}), picks its
 * format, splits it into events within the request's size limits, and requires at least one valid
 * event. Answers 415 for an unknown format, 413 past a limit, 400 (or the code of the rejected
 * events' problems) for a body without a valid event.
 */
public final class PushDecoder {

  private final IngestFormats formats;
  private final long maxDecodedBodyBytes;
  private final int maxEventsPerRequest;

  public PushDecoder(IngestLimits limits) {
    this.formats = new IngestFormats(limits.maxEventBytes(), limits.maxDecodedBodyBytes());
    this.maxDecodedBodyBytes = limits.maxDecodedBodyBytes();
    this.maxEventsPerRequest = limits.maxEventsPerRequest();
  }

  /**
   * The push in this body.
   *
   * @param body the body as sent
   * @param contentEncoding the {@code Content-Encoding} header, or null
   * @param contentType the {@code Content-Type} header, or null
   * @throws ApiException 400, 413 or 415 as described above
   */
  public DecodedPush decode(
      byte[] body, String contentEncoding, String contentType, PushEndpoint endpoint) {
    IngestFormat format;
    DecodedBody decoded;
    try {
      byte[] plain = ContentEncodings.decode(body, contentEncoding, maxDecodedBodyBytes);
      format =
          endpoint == PushEndpoint.LOKI
              ? formats.forLoki(contentType)
              : formats.forLogs(contentType, plain);
      decoded = format.decode(plain);
    } catch (UnsupportedFormatException e) {
      throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
    } catch (InvalidBodyException e) {
      throw invalidBody(e);
    }
    if (decoded.total() > maxEventsPerRequest) {
      throw new ApiException(
          ErrorCode.TOO_LARGE,
          "request has "
              + decoded.total()
              + " events, the limit is "
              + maxEventsPerRequest
              + ": send fewer events per request",
          Map.of("limitEvents", maxEventsPerRequest, "events", decoded.total()));
    }
    if (decoded.events().isEmpty()) {
      ErrorCode code = ProblemReport.codeWhenNothingValid(decoded);
      throw new ApiException(code.status(), ProblemReport.answer(code, decoded), Map.of());
    }
    return new DecodedPush(format, decoded);
  }

  private static ApiException invalidBody(InvalidBodyException e) {
    Map<String, Object> detail = new LinkedHashMap<>();
    switch (e.position()) {
      case LINE -> detail.put("line", e.number());
      case INDEX -> detail.put("index", e.number());
      case RECORD -> detail.put("record", e.number());
      case BODY -> {}
    }
    detail.put("problem", e.problem());
    String error =
        e.position() == InvalidBodyException.Position.BODY
            ? "invalid body: " + e.getMessage()
            : "invalid event at " + e.getMessage();
    return new ApiException(
        e.tooLarge() ? ErrorCode.TOO_LARGE : ErrorCode.INVALID_BODY, error, detail);
  }
}
