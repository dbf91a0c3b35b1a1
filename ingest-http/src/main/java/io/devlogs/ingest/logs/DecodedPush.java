package io.devlogs.ingest.logs;

import io.devlogs.ingest.formats.DecodedBody;
import io.devlogs.ingest.formats.IngestFormat;
import io.devlogs.ingest.kafka.EventBatch;
import java.util.Objects;

/**
 * A decoded push: its valid events and rejected ones, and the format that answers the client.
 *
 * @param format the body's wire format
 * @param body the valid events (at least one) and the problems of the rejected ones
 */
public record DecodedPush(IngestFormat format, DecodedBody body) {
  public DecodedPush {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(body, "body");
  }

  /** The valid events, ready to be written for this caller. */
  public EventBatch batch(Caller caller, long receivedMillis, PushAttributes attributes) {
    return new EventBatch(
        caller.projectId(),
        receivedMillis,
        attributes.stream(),
        attributes.service(),
        body.events(),
        attributes.idempotencyKey(),
        body.recordFormat(),
        body.positions());
  }
}
