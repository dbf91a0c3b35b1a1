package io.devlogs.query.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.query.http.ApiException;
import io.devlogs.query.records.TimeRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and opens the opaque {@code cursor} of stream paging: the request's range and the last
 * event's {@code (ts, event_id)}, signed (HMAC-SHA256) together with the project and the stream, so
 * an altered cursor, or one used with another stream or project, is a 400 naming {@code cursor}.
 * The cursor carries the range, so every page of one walk reads the same range.
 */
public final class StreamCursors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAX_LENGTH = 4096;

  /** The position a cursor continues after, and the range it was issued for. */
  public record StreamCursor(TimeRange range, StreamPosition after) {}

  private final SecretKeySpec key;

  public StreamCursors(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("cursor secret must have at least 16 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /** Cursors valid in this process only (they are 400s after a restart: page again). */
  public static StreamCursors withRandomKey() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new StreamCursors(secret);
  }

  /** The cursor of the page after {@code last} in {@code request}'s range. */
  public String issue(String projectId, StreamRequest request, StreamPosition last) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("from", request.range().from().toString());
    payload.put("to", request.range().to().toString());
    payload.put("ts", last.timestamp().toString());
    payload.put("id", last.eventId());
    byte[] bytes = payload.toString().getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(bytes)
        + "."
        + ENCODER.encodeToString(sign(projectId, request.stream(), bytes));
  }

  /**
   * Opens a cursor sent with a request for {@code stream} of {@code projectId}.
   *
   * @throws ApiException 400 naming {@code cursor} if it was altered or issued for another stream,
   *     project or server
   */
  public StreamCursor open(String cursor, String projectId, String stream) {
    int dot = cursor.indexOf('.');
    if (cursor.length() > MAX_LENGTH || dot < 0) {
      throw invalid();
    }
    try {
      byte[] payload = DECODER.decode(cursor.substring(0, dot));
      byte[] signature = DECODER.decode(cursor.substring(dot + 1));
      if (!MessageDigest.isEqual(signature, sign(projectId, stream, payload))) {
        throw invalid();
      }
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

  private byte[] sign(String projectId, String stream, byte[] payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      // A JSON array keeps the parts apart whatever characters the stream name holds.
      mac.update(JSON.writeValueAsBytes(List.of(projectId, stream)));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot sign a stream cursor", e);
    }
  }

  private static ApiException invalid() {
    return ApiException.badParameter(
        "cursor",
        "not a cursor of this stream and project (altered, or from another server or walk);"
            + " start again without cursor");
  }
}
