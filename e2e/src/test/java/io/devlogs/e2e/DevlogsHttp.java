package io.devlogs.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.testing.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** The two public HTTP doors of devlogs, as a client sees them. */
final class DevlogsHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String ingestUrl;
  private final String queryUrl;

  DevlogsHttp(LocalStack stack) {
    this.ingestUrl = stack.ingestUrl().toString();
    this.queryUrl = stack.queryUrl().toString();
  }

  record Reply(int status, JsonNode body) {}

  Reply postNdjson(String key, String ndjson) {
    return send(
        HttpRequest.newBuilder(URI.create(ingestUrl + "/v1/logs"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(ndjson)));
  }

  /** Posts a body as sent, with its content type and, if {@code gzip}, {@code Content-Encoding}. */
  Reply post(String key, String contentType, boolean gzip, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(ingestUrl + "/v1/logs"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    return send(request);
  }

  Reply query(String key, String path, Map<String, String> parameters) {
    String query =
        parameters.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(queryUrl + path + (query.isEmpty() ? "" : "?" + query)))
            .header("Authorization", "Bearer " + key)
            .GET());
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Reply(response.statusCode(), body.isBlank() ? null : JSON.readTree(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
