package io.devlogs.query.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.flink.records.Level;
import io.devlogs.query.http.JsonMapping;
import io.devlogs.query.logql.EventPredicate;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.tail.TailSocket;
import io.devlogs.topics.ParsedEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A Loki tail as the {@code TailHub} sees a socket: it receives the hub's messages for every event
 * of the project ({@code /v1/tail}'s JSON), keeps the events the LogQL query's {@link
 * EventPredicate} matches and sends each in Loki's tail shape, {@code
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
  private final EventPredicate predicate;
  private final String projectId;
  private volatile String lastNotice;

  LokiTailSocket(TailSocket client, EventPredicate predicate, String projectId) {
    this.client = Objects.requireNonNull(client, "client");
    this.predicate = Objects.requireNonNull(predicate, "predicate");
    this.projectId = Objects.requireNonNull(projectId, "projectId");
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
      LogEvent event = event(message.path("event"));
      if (predicate.test(parsed(event, projectId))) {
        client.send(message(event), done);
      } else {
        done.accept(null);
      }
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

  private static LogEvent event(JsonNode node) {
    Map<String, String> attributes = new LinkedHashMap<>();
    node.path("attributes")
        .fields()
        .forEachRemaining(f -> attributes.put(f.getKey(), f.getValue().asText()));
    return new LogEvent(
        node.path("id").asText(),
        Instant.parse(node.path("timestamp").asText()),
        node.path("level").asText(null),
        node.path("service").asText(null),
        node.path("stream").asText(null),
        node.path("message").asText(null),
        attributes);
  }

  private static Level level(String name) {
    try {
      return name == null ? Level.INFO : Level.valueOf(name);
    } catch (IllegalArgumentException e) {
      return Level.INFO;
    }
  }

  /** The event as the predicate reads it (the fields of search: no size, retention or receipt). */
  static ParsedEvent parsed(LogEvent event, String projectId) {
    Instant t = event.timestamp();
    return new ParsedEvent(
        event.id(),
        projectId,
        t.getEpochSecond() * 1_000_000_000L + t.getNano(),
        level(event.level()),
        event.service(),
        event.stream(),
        event.message(),
        event.attributes(),
        0,
        0,
        0);
  }
}
