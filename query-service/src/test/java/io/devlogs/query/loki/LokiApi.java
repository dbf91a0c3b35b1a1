package io.devlogs.query.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import okhttp3.FormBody;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Requests of Loki's read API from a {@code JavalinTest} client, encoded as Grafana's backend
 * encodes them ({@code url.Values.Encode()}: keys sorted, {@code QueryEscape}, a space as {@code
 * +}).
 */
final class LokiApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final String authorization;

  private final okhttp3.OkHttpClient http;

  private LokiApi(HttpClient client, String authorization) {
    this.client = client;
    this.authorization = authorization;
    // Metric queries over the stack take seconds on a loaded machine: more than OkHttp's 10 s.
    this.http =
        client
            .getOkHttp()
            .newBuilder()
            .readTimeout(java.time.Duration.ofSeconds(120))
            .callTimeout(java.time.Duration.ofSeconds(180))
            .build();
  }

  static LokiApi bearer(HttpClient client, String key) {
    return new LokiApi(client, "Bearer " + key);
  }

  /** As Grafana's data source with basic auth: the key as password, any user. */
  static LokiApi basic(HttpClient client, String key) {
    return new LokiApi(
        client,
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("grafana:" + key).getBytes(StandardCharsets.UTF_8)));
  }

  static LokiApi anonymous(HttpClient client) {
    return new LokiApi(client, null);
  }

  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  /** Go's {@code url.Values.Encode()} of {@code params}. */
  static String encode(Map<String, String> params) {
    StringJoiner query = new StringJoiner("&");
    new TreeMap<>(params)
        .forEach(
            (k, v) ->
                query.add(
                    URLEncoder.encode(k, StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return query.toString();
  }

  static Map<String, String> params(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  Answer get(String path, Map<String, String> params) {
    return get(path + (params.isEmpty() ? "" : "?" + encode(params)));
  }

  Answer get(String pathAndQuery) {
    Request.Builder request = new Request.Builder().url(client.getOrigin() + pathAndQuery).get();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.body() == null ? "" : response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A POST with the parameters as a form, as logcli and Grafana's POST mode send. */
  Answer post(String path, Map<String, String> params) {
    FormBody.Builder form = new FormBody.Builder();
    params.forEach(form::add);
    Request.Builder request =
        new Request.Builder().url(client.getOrigin() + path).post(form.build());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.body() == null ? "" : response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body of an answer that must be {@code status}. */
  JsonNode expect(int status, String path, Map<String, String> params) {
    Answer answer = get(path, params);
    if (answer.status() != status) {
      throw new AssertionError(
          "GET "
              + path
              + "?"
              + encode(params)
              + " -> "
              + answer.status()
              + " (expected "
              + status
              + ") "
              + answer.body());
    }
    return answer.json();
  }
}
