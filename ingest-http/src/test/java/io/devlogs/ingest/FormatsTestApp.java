package io.devlogs.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.ingest.limits.IngestLimits;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The ingest app with one ingest key and a recording sink, for the format tests. */
final class FormatsTestApp {

  static final String KEY = "dl_ingest_ffffffffffffffffffffffffffffffff";
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  final RecordingEventSink sink = new RecordingEventSink();
  final Javalin app;

  FormatsTestApp(IngestLimits limits) {
    app =
        IngestServer.createApp(
            IngestOptions.defaults().withLimits(limits).withSendTimeout(Duration.ofSeconds(2)),
            TestDeps.of(
                    key ->
                        Optional.ofNullable(
                            Map.of(KEY, new ProjectKey("p_formats", Scope.INGEST)).get(key)),
                    sink)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  /** POSTs with the ingest key as bearer token, plus the given headers. */
  static Response post(
      HttpClient client,
      String path,
      String contentType,
      byte[] body,
      Map<String, String> headers) {
    return client.request(
        path,
        builder -> {
          builder.header("Authorization", "Bearer " + KEY);
          headers.forEach(builder::header);
          builder.post(
              RequestBody.create(body, contentType == null ? null : MediaType.get(contentType)));
        });
  }

  static Response post(HttpClient client, String path, String contentType, String body) {
    return post(client, path, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static JsonNode json(Response response) {
    try {
      return JSON.readTree(response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The written events, each parsed as JSON. */
  List<JsonNode> jsonEvents() {
    return sink.events().stream()
        .map(
            e -> {
              try {
                return JSON.readTree(e);
              } catch (IOException ex) {
                throw new UncheckedIOException(ex);
              }
            })
        .toList();
  }
}
