package io.devlogs.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * The one JSON error shape of every devlogs HTTP API: {@code {"error": "<code>", "message": "<a
 * sentence>", "detail": {...}}}. Ingest adds {@code accepted} and {@code rejected} when it wrote
 * the valid events of a request and refused the others. Absent fields are left out.
 *
 * @param error the stable code ({@link ErrorCode#code()})
 * @param message what went wrong and what to do, for people
 * @param accepted events written (ingest only), or null
 * @param rejected events refused (ingest only), or null
 * @param detail machine-readable facts (the parameter, the limit...), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"error", "message", "accepted", "rejected", "detail"})
public record ErrorBody(
    String error, String message, Integer accepted, Integer rejected, Object detail) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ErrorBody {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(message, "message");
  }

  public static ErrorBody of(ErrorCode code, String message, Object detail) {
    return new ErrorBody(code.code(), message, null, null, detail);
  }

  public static ErrorBody of(ErrorCode code, String message) {
    return of(code, message, null);
  }

  /** An answer about a request's events: how many were written and how many refused. */
  public static ErrorBody ofEvents(
      ErrorCode code, String message, int accepted, int rejected, Object detail) {
    return new ErrorBody(code.code(), message, accepted, rejected, detail);
  }

  /** This body as UTF-8 JSON, for writers without a JSON mapper (Jetty's error handler). */
  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an error body always serializes", e);
    }
  }
}
