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
 */
public record EventBatch(
    String projectId, long receivedMillis, String stream, String service, List<byte[]> events) {
  public EventBatch {
    Objects.requireNonNull(projectId, "projectId");
    events = List.copyOf(events);
  }
}
