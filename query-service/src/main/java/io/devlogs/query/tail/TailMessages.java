package io.devlogs.query.tail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.query.http.JsonMapping;
import io.devlogs.query.records.LogEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON text frames the server sends on a live tail. */
final class TailMessages {
  private static final ObjectMapper JSON = JsonMapping.objectMapper();

  static final String READY = "{\"type\":\"ready\"}";

  private TailMessages() {}

  /** {@code {"type":"event","event":LogEvent}}. */
  static String event(LogEvent event) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "event");
    message.put("event", event);
    return write(message);
  }

  /** {@code {"type":"error","error":code,"detail":text}}, sent just before the close. */
  static String error(String error, String detail) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "error");
    message.put("error", error);
    message.put("detail", detail);
    return write(message);
  }

  /** {@code {"type":"dropped","detail":...}}, sent just before the close with 4008. */
  static String dropped(String overflow) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "dropped");
    message.put("detail", "client too slow: " + overflow);
    return write(message);
  }

  private static String write(Object message) {
    try {
      return JSON.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a tail message as JSON", e);
    }
  }
}
