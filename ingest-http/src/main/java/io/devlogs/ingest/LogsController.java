package io.devlogs.ingest;

import io.devlogs.http.ApiException;
import io.devlogs.http.BrokenRequests;
import io.devlogs.http.ErrorCode;
import io.devlogs.ingest.auth.RequestAuthenticator;
import io.devlogs.ingest.formats.BasicCredentials;
import io.devlogs.ingest.formats.ContentEncodings;
import io.devlogs.ingest.formats.DecodedBody;
import io.devlogs.ingest.formats.IngestFormat;
import io.devlogs.ingest.formats.IngestFormats;
import io.devlogs.ingest.formats.InvalidBodyException;
import io.devlogs.ingest.formats.ProblemReport;
import io.devlogs.ingest.formats.UnsupportedFormatException;
import io.devlogs.ingest.limits.RateLimitExceeded;
import io.devlogs.ingest.limits.RateLimiter;
import io.devlogs.ingest.ops.RequestLog;
import io.devlogs.ingest.tls.ClientCertificateIdentity;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/logs} (devlogs JSON, NDJSON, text, OTLP) and {@code POST /loki/api/v1/push}:
 * authenticates, decodes and validates the body and writes its valid events to the sink.
 */
public final class LogsController {

  private static final int MAX_DEFAULT_LENGTH = 256;
  static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
  private static final Logger LOG = LoggerFactory.getLogger(LogsController.class);

  private final RequestAuthenticator requestAuthenticator;
  private final EventSink sink;
  private final IngestFormats formats;
  private final long maxBodyBytes;
  private final long maxDecodedBodyBytes;
  private final int maxEventsPerRequest;
  private final Duration sendTimeout;
  private final Clock clock;
  private final RateLimiter rateLimiter;

  LogsController(
      Authenticator authenticator,
      EventSink sink,
      IngestLimits limits,
      Duration sendTimeout,
      Clock clock,
      RateLimiter rateLimiter) {
    this.requestAuthenticator = new RequestAuthenticator(authenticator);
    this.sink = sink;
    this.formats = new IngestFormats(limits.maxEventBytes(), limits.maxDecodedBodyBytes());
    this.maxBodyBytes = limits.maxBodyBytes();
    this.maxDecodedBodyBytes = limits.maxDecodedBodyBytes();
    this.maxEventsPerRequest = limits.maxEventsPerRequest();
    this.sendTimeout = sendTimeout;
    this.clock = clock;
    this.rateLimiter = rateLimiter;
  }

  void ingest(Context ctx) {
    ingest(ctx, false);
  }

  /** {@code POST /loki/api/v1/push}. */
  void pushLoki(Context ctx) {
    ingest(ctx, true);
  }

  private void ingest(Context ctx, boolean loki) {
    long receivedMillis = clock.millis();
    Caller caller = authenticate(ctx);
    ProjectKey key = caller.key();
    RequestLog.project(ctx, key.projectId());
    String stream = defaultValue(ctx, "stream");
    String service = defaultValue(ctx, "service");
    String idempotencyKey = idempotencyKey(ctx);
    DecodedBody decoded;
    IngestFormat format;
    try {
      byte[] body =
          ContentEncodings.decode(
              readBody(ctx), ctx.header("Content-Encoding"), maxDecodedBodyBytes);
      format = loki ? formats.forLoki(ctx.contentType()) : formats.forLogs(ctx.contentType(), body);
      decoded = format.decode(body);
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

    EventBatch batch =
        new EventBatch(
            key.projectId(),
            receivedMillis,
            stream,
            service,
            decoded.events(),
            idempotencyKey,
            decoded.recordFormat(),
            decoded.positions());
    rateLimiter
        .tryAcquire(caller.rateLimitBucket(), decoded.events().size(), batch.totalBytes())
        .ifPresent(
            exceeded -> {
              throw rateLimited(exceeded);
            });
    long deadlineNanos = System.nanoTime() + sendTimeout.toNanos();
    awaitAcknowledgement(sink.send(batch), deadlineNanos);
    RequestLog.accepted(ctx, decoded.events().size(), batch.totalBytes());
    format.answerAccepted(ctx, decoded);
  }

  /** Who is calling, and which rate-limit buckets the request draws from. */
  private record Caller(ProjectKey key, String rateLimitBucket) {}

  private Caller authenticate(Context ctx) {
    Optional<ProjectKey> certified = certifiedKey(ctx);
    if (certified.isPresent() && ctx.header("Authorization") == null) {
      // Certificates carry no key: the certified clients of a project share its buckets.
      return new Caller(certified.get(), "certificate:" + certified.get().projectId());
    }
    String token = bearerOrBasicToken(ctx);
    ProjectKey key = requestAuthenticator.require(token, Scope.INGEST);
    if (certified.isPresent() && !certified.get().projectId().equals(key.projectId())) {
      throw new ApiException(
          ErrorCode.FORBIDDEN,
          "the API key and the client certificate belong to different projects");
    }
    return new Caller(key, "key:" + KeyAuthenticator.fingerprint(token));
  }

  /** The project of a verified mutual-TLS client certificate (see {@code tls}). */
  private static Optional<ProjectKey> certifiedKey(Context ctx) {
    try {
      return ClientCertificateIdentity.of(ctx.req());
    } catch (ClientCertificateIdentity.InvalidClientCertificateException e) {
      throw new ApiException(ErrorCode.FORBIDDEN, e.getMessage());
    }
  }

  /** A bearer key, or for Loki clients a key sent as the Basic password; null if neither. */
  private static String bearerOrBasicToken(Context ctx) {
    String authorization = ctx.header("Authorization");
    return KeyAuthenticator.bearerToken(authorization)
        .or(() -> BasicCredentials.password(authorization))
        .orElse(null);
  }

  /** 429 naming the limit; 413 if the request alone is larger than the limit's burst. */
  private static ApiException rateLimited(RateLimitExceeded exceeded) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("limit", exceeded.limit());
    detail.put("perSecond", exceeded.rate().perSecond());
    detail.put("burst", exceeded.rate().burst());
    detail.put("requested", exceeded.cost());
    if (exceeded.exceedsBurst()) {
      return new ApiException(ErrorCode.TOO_LARGE, exceeded.describe(), detail);
    }
    detail.put("retryAfterSeconds", exceeded.retryAfterSeconds());
    return new ApiException(
        ErrorCode.RATE_LIMITED,
        exceeded.describe(),
        detail,
        Map.of("Retry-After", Long.toString(exceeded.retryAfterSeconds())));
  }

  private static ApiException kafkaUnavailable(String message) {
    return ApiException.unavailable("kafka", message);
  }

  /**
   * The {@code Idempotency-Key} header: a retry of a request with the same key gets the same event
   * ids downstream, so the job counts its events once.
   */
  private static String idempotencyKey(Context ctx) {
    String value = ctx.header(IDEMPOTENCY_KEY_HEADER);
    if (value == null || value.isBlank()) {
      return null;
    }
    value = value.strip();
    if (value.length() > MAX_DEFAULT_LENGTH) {
      throw new ApiException(
          ErrorCode.INVALID_HEADER,
          "header '"
              + IDEMPOTENCY_KEY_HEADER
              + "' is longer than "
              + MAX_DEFAULT_LENGTH
              + " characters",
          Map.of("header", IDEMPOTENCY_KEY_HEADER));
    }
    return value;
  }

  private static String defaultValue(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_DEFAULT_LENGTH) {
      throw ApiException.badParameter(name, "longer than " + MAX_DEFAULT_LENGTH + " characters");
    }
    return value;
  }

  /** Reads at most {@code maxBodyBytes}; more is a 413, whether or not Content-Length said so. */
  private byte[] readBody(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBodyBytes) {
      throw tooLarge(declared);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (body.length > maxBodyBytes) {
        throw tooLarge(-1);
      }
      return body;
    } catch (IOException e) {
      throw BrokenRequests.ofBody(e);
    }
  }

  private ApiException tooLarge(long size) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("limitBytes", maxBodyBytes);
    if (size >= 0) {
      detail.put("sizeBytes", size);
    }
    return new ApiException(
        ErrorCode.TOO_LARGE,
        "request body is larger than " + maxBodyBytes + " bytes: send fewer events per request",
        detail);
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

  /** Waits until the deadline, which started before {@code send()}, since send() may block. */
  private void awaitAcknowledgement(
      java.util.concurrent.CompletableFuture<Void> acks, long deadlineNanos) {
    try {
      acks.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      LOG.warn("Kafka did not acknowledge the events: {}", e.getCause().toString());
      throw kafkaUnavailable("events not stored (Kafka unavailable), retry later");
    } catch (TimeoutException e) {
      LOG.warn("Kafka did not acknowledge the events within {}", sendTimeout);
      throw kafkaUnavailable("events not stored (Kafka too slow), retry later");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw kafkaUnavailable("server shutting down, retry later");
    }
  }
}
