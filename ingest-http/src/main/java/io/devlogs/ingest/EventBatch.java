package io.devlogs.ingest;

import java.util.List;
import java.util.Objects;

/**
 * The events of one accepted ingest request, ready to be written: each element of {@code events} is
 * one JSON object exactly as the client sent it (UTF-8 bytes).
 *
 * @param projectId the project the ingest key belongs to
 * @param receivedMillis when the request arrived (epoch millis)
 * @param stream default stream from the {@code stream} query parameter, or null
 * @param service default service from the {@code service} query parameter, or null
 * @param events the events, in request order
 * @param idempotencyKey the client's {@code Idempotency-Key} header, or null: a retried request
 *     with the same key yields the same event ids
 */
public record EventBatch(
    String projectId,
    long receivedMillis,
    String stream,
    String service,
    List<byte[]> events,
    String idempotencyKey) {
  public EventBatch {
    Objects.requireNonNull(projectId, "projectId");
    events = List.copyOf(events);
  }

  /** The UTF-8 size of all events together: what the request writes to Kafka. */
  public long totalBytes() {
    long total = 0;
    for (byte[] event : events) {
      total += event.length;
    }
    return total;
  }

  /** A batch of a request without an {@code Idempotency-Key}. */
  public EventBatch(
      String projectId, long receivedMillis, String stream, String service, List<byte[]> events) {
    this(projectId, receivedMillis, stream, service, events, null);
  }
}
