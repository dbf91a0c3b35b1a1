package io.devlogs.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a crowd's requests through one asynchronous client and records each as a {@link
 * CrowdRun.Sample}: from send to the whole answer (or the failure), its status, whether the result
 * cache answered and the error code of a non-2xx answer.
 */
final class CrowdRequests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;

  CrowdRequests(HttpClient http) {
    this.http = http;
  }

  /**
   * Sends the request; records it under {@code route} when {@code samples} is not null. The future
   * completes with the answer, or with null when none came.
   */
  CompletableFuture<HttpResponse<String>> send(
      HttpRequest request, String route, Queue<CrowdRun.Sample> samples) {
    long start = System.nanoTime();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, failure) -> {
              if (samples != null) {
                samples.add(sample(route, System.nanoTime() - start, response, failure));
              }
              return response;
            });
  }

  private static CrowdRun.Sample sample(
      String route, long nanos, HttpResponse<String> response, Throwable failure) {
    if (response == null) {
      Throwable cause = failure.getCause() == null ? failure : failure.getCause();
      return new CrowdRun.Sample(route, nanos, 0, false, cause.getClass().getSimpleName());
    }
    return new CrowdRun.Sample(
        route,
        nanos,
        response.statusCode(),
        response.headers().firstValue("X-Devlogs-Cache").map("hit"::equals).orElse(false),
        errorCode(response));
  }

  private static String errorCode(HttpResponse<String> response) {
    if (response.statusCode() / 100 == 2) {
      return null;
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      String limit = body.path("detail").path("limit").asText("");
      // Which limit refused it: the front door, the store gate's queue or its wait, a rate.
      return body.path("error").asText("?") + (limit.isEmpty() ? "" : "(" + limit + ")");
    } catch (IOException e) {
      return "not JSON";
    }
  }
}
