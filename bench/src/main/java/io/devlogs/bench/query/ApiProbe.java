package io.devlogs.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * A GET of the query API with the query key and {@code Cache-Control: no-cache}; the time includes
 * reading the whole body. Anything but 200 with a JSON body is a failure that names the status and
 * the body's start.
 */
final class ApiProbe implements Probe {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final HttpClient http;
  private final String baseUrl;
  private final String key;
  private final IntFunction<String> pathOf;
  private final ToLongFunction<JsonNode> sizeOf;

  /**
   * @param pathOf the path and query of run {@code i}, values already URL-encoded
   * @param sizeOf the number of items in an answer
   */
  ApiProbe(
      HttpClient http,
      String baseUrl,
      String key,
      IntFunction<String> pathOf,
      ToLongFunction<JsonNode> sizeOf) {
    this.http = http;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.key = key;
    this.pathOf = pathOf;
    this.sizeOf = sizeOf;
  }

  @Override
  public String describe(int run) {
    return "GET " + pathOf.apply(run);
  }

  @Override
  public Sample call(int run) {
    String path = pathOf.apply(run);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + key)
            // Every request is answered by the store, never by the result cache: the figures
            // compare the work of each route, not how often its URL repeats.
            .header("Cache-Control", "no-cache")
            .GET()
            .build();
    long start = System.nanoTime();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      return Sample.failed(System.nanoTime() - start, "GET " + path + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Sample.failed(System.nanoTime() - start, "interrupted");
    }
    long nanos = System.nanoTime() - start;
    String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    if (response.statusCode() != 200) {
      return Sample.failed(
          nanos, "HTTP " + response.statusCode() + " for GET " + path + ": " + abbreviate(body));
    }
    try {
      return new Sample(nanos, sizeOf.applyAsLong(JSON.readTree(body)), null);
    } catch (IOException | RuntimeException e) {
      return Sample.failed(nanos, "unexpected answer to GET " + path + ": " + abbreviate(body));
    }
  }

  /** Number of elements of the array at {@code field}; fails when there is none. */
  static long arraySize(JsonNode answer, String field) {
    JsonNode array = answer.get(field);
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("no array '" + field + "'");
    }
    return array.size();
  }

  /** Points of every series of a metrics answer. */
  static long seriesPoints(JsonNode answer) {
    JsonNode series = answer.get("series");
    if (series == null || !series.isArray()) {
      throw new IllegalArgumentException("no array 'series'");
    }
    long points = 0;
    for (JsonNode s : series) {
      points += arraySize(s, "points");
    }
    return points;
  }

  /** Entries of every stream of a Loki {@code streams} answer. */
  static long lokiEntries(JsonNode answer) {
    return lokiItems(answer, "streams", "values");
  }

  /** Points of every series of a Loki {@code matrix} answer. */
  static long lokiPoints(JsonNode answer) {
    return lokiItems(answer, "matrix", "values");
  }

  private static long lokiItems(JsonNode answer, String resultType, String field) {
    JsonNode data = answer.path("data");
    if (!resultType.equals(data.path("resultType").asText())) {
      throw new IllegalArgumentException("not a Loki " + resultType + " answer");
    }
    long items = 0;
    for (JsonNode entry : data.path("result")) {
      items += arraySize(entry, field);
    }
    return items;
  }

  static String abbreviate(String s) {
    String line = s.replace('\n', ' ');
    return line.length() <= 300 ? line : line.substring(0, 300) + "...";
  }
}
