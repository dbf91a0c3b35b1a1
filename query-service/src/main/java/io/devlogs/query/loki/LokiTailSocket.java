package io.devlogs.query.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.query.http.JsonMapping;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.tail.TailSocket;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A Loki tail as the {@code TailHub} sees a socket: it receives the hub's messages for the events
 * the hub matched with the tail's LogQL query (the {@code LogqlFilter} of search and {@code
 * /v1/tail}; {@code /v1/tail}'s JSON) and sends each in Loki's tail shape, {@code
 * {"streams":[{"stream":{...},"values":[[ns,line]]}],"dropped_entries":null}}, to the client's
 * socket. The hub's {@code ready} is not forwarded (Loki has none); its error and drop notices
 * become the close reason. A send completes when the client's write does, so the hub's bounded
 * queue still holds back a slow client.
 */
final class LokiTailSocket implements TailSocket {
  private static final ObjectMapper JSON = JsonMapping.objectMapper();

  /** WebSocket close reasons are at most 123 bytes. */
  private static final int MAX_REASON = 120;

  private final TailSocket client;
  private volatile String lastNotice;

  LokiTailSocket(TailSocket client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (IOException e) {
      done.accept(null);
      return;
    }
    String type = message.path("type").asText();
    if (type.equals("event")) {
      client.send(message(event(message.path("event"))), done);
      return;
    }
    if (type.equals("error") || type.equals("dropped")) {
      lastNotice = message.path("detail").asText(type);
    }
    done.accept(null);
  }

  @Override
  public void close(int code, String reason) {
    String why = lastNotice != null ? lastNotice : reason;
    client.close(code, why.length() <= MAX_REASON ? why : why.substring(0, MAX_REASON));
  }

  /** Loki's tail message of one event. */
  static String message(LogEvent event) {
    Map<String, Object> stream = new LinkedHashMap<>();
    stream.put("stream", LokiJson.streamLabels(event));
    stream.put(
        "values",
        List.of(List.of(LokiJson.nanos(event), event.message() == null ? "" : event.message())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("streams", List.of(stream));
    body.put("dropped_entries", null);
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }

  /** The fields of Loki's message (attributes are not sent as structured metadata). */
  private static LogEvent event(JsonNode node) {
    return new LogEvent(
        node.path("id").asText(),
        Instant.parse(node.path("timestamp").asText()),
        node.path("level").asText(null),
        node.path("service").asText(null),
        node.path("stream").asText(null),
        node.path("message").asText(null),
        Map.of());
  }
}
