package io.devlogs.ingest.kafka;

import io.devlogs.topics.RawRecord;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The events of one accepted ingest request, ready to be written: each element of {@code events} is
 * one raw record in {@code format} (UTF-8 bytes).
 *
 * @param projectId the project the ingest key belongs to
 * @param receivedMillis when the request arrived (epoch millis)
 * @param stream default stream from the {@code stream} query parameter, or null
 * @param service default service from the {@code service} query parameter, or null
 * @param events the events, in request order
 * @param idempotencyKey the client's {@code Idempotency-Key} header, or null: a retried request
 *     with the same key yields the same event ids
 * @param format how the Flink job reads each event (header {@code devlogs-format})
 * @param positions each event's position in its request (header {@code devlogs-index}, part of
 *     derived event ids); null means 0, 1, 2, ... Rejected events of a request keep their
 *     positions, so the accepted ones keep their ids when the client resends the request fixed.
 */
public record EventBatch(
    String projectId,
    long receivedMillis,
    String stream,
    String service,
    List<byte[]> events,
    String idempotencyKey,
    Format format,
    List<Integer> positions) {

  /** The record formats the Flink job reads. */
  public enum Format {
    /** One JSON object per record, as the client sent it or mapped from OTLP / Loki. */
    JSON(RawRecord.FORMAT_JSON),
    /** One text event per record: a line, with its stack trace lines if any. */
    TEXT(RawRecord.FORMAT_TEXT);

    private final String headerValue;

    Format(String headerValue) {
      this.headerValue = headerValue;
    }

    /** The value of header {@code devlogs-format}. */
    public String headerValue() {
      return headerValue;
    }
  }

  public EventBatch {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(format, "format");
    events = List.copyOf(events);
    positions =
        positions == null
            ? IntStream.range(0, events.size()).boxed().toList()
            : List.copyOf(positions);
    if (positions.size() != events.size()) {
      throw new IllegalArgumentException(
          positions.size() + " positions for " + events.size() + " events");
    }
  }

  /** A batch of JSON events. */
  public EventBatch(
      String projectId,
      long receivedMillis,
      String stream,
      String service,
      List<byte[]> events,
      String idempotencyKey) {
    this(projectId, receivedMillis, stream, service, events, idempotencyKey, Format.JSON, null);
  }

  /** The UTF-8 size of all events together: what the request writes to Kafka. */
  public long totalBytes() {
    long total = 0;
    for (byte[] event : events) {
      total += event.length;
    }
    return total;
  }

  /** A batch of JSON events of a request without an {@code Idempotency-Key}. */
  public EventBatch(
      String projectId, long receivedMillis, String stream, String service, List<byte[]> events) {
    this(projectId, receivedMillis, stream, service, events, null);
  }
}
