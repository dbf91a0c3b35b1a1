package io.devlogs.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
    Answer answer = get(path);
    if (answer.status() != 200) {
      throw new AssertionError("GET " + path + " -> " + answer.status() + " " + answer.body());
    }
    return answer.json();
  }

  public static String enc(Object value) {
    return URLEncoder.encode(value.toString(), StandardCharsets.UTF_8).replace("+", "%20");
  }
}
