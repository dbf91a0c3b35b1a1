package io.devlogs.query.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.http.ApiException;
import io.devlogs.query.http.CursorSeal;
import io.devlogs.query.records.TimeRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * Issues and opens the opaque {@code cursor} of stream paging: the request's range and the last
 * event's {@code (ts, event_id)}, signed (HMAC-SHA256) together with the project and the stream, so
 * an altered cursor, or one used with another stream or project, is a 400 naming {@code cursor}.
 * The cursor carries the range, so every page of one walk reads the same range.
 */
public final class StreamCursors {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The position a cursor continues after, and the range it was issued for. */
  public record StreamCursor(TimeRange range, StreamPosition after) {}

  private final CursorSeal seal;

  public StreamCursors(CursorSeal seal) {
    this.seal = Objects.requireNonNull(seal, "seal");
  }

  /** The cursor of the page after {@code last} in {@code request}'s range. */
  public String issue(String projectId, StreamRequest request, StreamPosition last) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("from", request.range().from().toString());
    payload.put("to", request.range().to().toString());
    payload.put("ts", last.timestamp().toString());
    payload.put("id", last.eventId());
    byte[] bytes = payload.toString().getBytes(StandardCharsets.UTF_8);
    return seal.seal(bytes, List.of(projectId, request.stream()));
  }

  /**
   * Opens a cursor sent with a request for {@code stream} of {@code projectId}.
   *
   * @throws ApiException 400 naming {@code cursor} if it was altered or issued for another stream,
   *     project or server
   */
  public StreamCursor open(String cursor, String projectId, String stream) {
    byte[] payload =
        seal.open(cursor, List.of(projectId, stream)).orElseThrow(StreamCursors::invalid);
    try {
      JsonNode node = JSON.readTree(payload);
      TimeRange range =
          new TimeRange(
              Instant.parse(node.path("from").asText()), Instant.parse(node.path("to").asText()));
      StreamPosition after =
          new StreamPosition(Instant.parse(node.path("ts").asText()), node.path("id").asText());
      return new StreamCursor(range, after);
    } catch (IllegalArgumentException | DateTimeParseException | IOException e) {
      throw invalid();
    }
  }

  private static ApiException invalid() {
    return ApiException.badParameter(
        "cursor",
        "not a cursor of this stream and project (altered, or from another server or walk);"
            + " start again without cursor");
  }
}
