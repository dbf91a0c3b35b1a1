package io.devlogs.ingest.logs;

import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.ops.RequestLog;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Objects;

/**
 * {@code POST /v1/logs} (devlogs JSON, NDJSON, text, OTLP) and {@code POST /loki/api/v1/push}: a
 * push is authenticated ({@link CallerAuthenticator}), decoded ({@link BodyReader}, {@link
 * PushDecoder}), limited ({@link PushRateLimit}) and sent ({@link BatchSender}); each step answers
 * its own errors, and the format answers the client once Kafka acknowledged the valid events.
 */
public final class LogsRoute {

  private final CallerAuthenticator authenticator;
  private final BodyReader bodyReader;
  private final PushDecoder decoder;
  private final PushRateLimit rateLimit;
  private final BatchSender sender;
  private final Clock clock;

  public LogsRoute(
      CallerAuthenticator authenticator,
      BodyReader bodyReader,
      PushDecoder decoder,
      PushRateLimit rateLimit,
      BatchSender sender,
      Clock clock) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.bodyReader = Objects.requireNonNull(bodyReader, "bodyReader");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@code POST /v1/logs}. */
  public void pushLogs(Context ctx) {
    push(ctx, PushEndpoint.LOGS);
  }

  /** {@code POST /loki/api/v1/push}. */
  public void pushLoki(Context ctx) {
    push(ctx, PushEndpoint.LOKI);
  }

  private void push(Context ctx, PushEndpoint endpoint) {
    long receivedMillis = clock.millis();
    Caller caller = authenticator.authenticate(ctx);
    RequestLog.project(ctx, caller.projectId());
    PushAttributes attributes = PushAttributes.of(ctx);
    DecodedPush push =
        decoder.decode(
            bodyReader.read(ctx), ctx.header("Content-Encoding"), ctx.contentType(), endpoint);
    EventBatch batch = push.batch(caller, receivedMillis, attributes);
    rateLimit.acquire(caller, batch);
    sender.send(batch);
    RequestLog.accepted(ctx, batch.events().size(), batch.totalBytes());
    push.format().answerAccepted(ctx, push.body());
  }
}
