package io.devlogs.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;

/** Calls of the query API from a {@code JavalinTest} client with a key. */
public final class QueryApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final String key;

  public QueryApi(HttpClient client, String key) {
    this.client = client;
    this.key = key;
  }

  /** A status and body. */
  public record Answer(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  public Answer get(String path) {
    try (Response response =
        client.get(path, request -> request.header("Authorization", "Bearer " + key))) {
      return new Answer(response.code(), response.body() == null ? "" : response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON body of a GET that must answer 200. */
  public JsonNode ok(String path) {
    return expect(200, path);
  }

  /** The JSON body of a GET that must answer {@code status}. */
  public JsonNode expect(int status, String path) {
    Answer answer = get(path);
    if (answer.status() != status) {
      throw new AssertionError(
          "GET " + path + " -> " + answer.status() + " (expected " + status + ") " + answer.body());
    }
    return answer.json();
  }

  /** Encoded for a query parameter or a path segment (a space is {@code %20}). */
  public static String enc(Object value) {
    return URLEncoder.encode(value.toString(), StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The query parameters {@code from=…&to=…} of a time range. */
  public static String range(Instant from, Instant to) {
    return "from=" + enc(from) + "&to=" + enc(to);
  }

  /** The {@code id}s of a JSON array of events, in order. */
  public static List<String> ids(JsonNode events) {
    List<String> ids = new ArrayList<>();
    events.forEach(event -> ids.add(event.path("id").asText()));
    return ids;
  }
}
