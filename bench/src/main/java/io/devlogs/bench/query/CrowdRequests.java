package io.devlogs.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.api.Result;
import org.eclipse.jetty.client.util.BufferingResponseListener;
import org.eclipse.jetty.http.HttpFields;

/**
 * Sends a crowd's requests through its {@link CrowdClients} and records each as a {@link
 * CrowdRun.Sample}: from send to the whole answer (or the failure), its status, how the result
 * cache answered ({@code X-Devlogs-Cache}) and the error code of a non-2xx answer.
 */
final class CrowdRequests {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The largest answer kept; a search page's answers are far below. */
  private static final int MAX_ANSWER_BYTES = 16 << 20;

  /** An answer: its status, headers and body (decoded when asked for). */
  record Answer(int status, HttpFields headers, byte[] content) {
    String body() {
      return new String(content, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return JSON.readTree(content);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final CrowdClients clients;

  CrowdRequests(CrowdClients clients) {
    this.clients = clients;
  }

  /**
   * Sends the request; records it under {@code route} when {@code samples} is not null. The future
   * completes with the answer, or with null when none came.
   */
  CompletableFuture<Answer> send(
      CrowdRequest request, String route, Queue<CrowdRun.Sample> samples) {
    CompletableFuture<Answer> answered = new CompletableFuture<>();
    long start = System.nanoTime();
    clients
        .newRequest(request)
        .send(
            new BufferingResponseListener(MAX_ANSWER_BYTES) {
              @Override
              public void onComplete(Result result) {
                long nanos = System.nanoTime() - start;
                Answer answer =
                    result.isFailed()
                        ? null
                        : new Answer(
                            result.getResponse().getStatus(),
                            result.getResponse().getHeaders(),
                            getContent());
                if (samples != null) {
                  samples.add(sample(route, nanos, answer, result.getFailure()));
                }
                answered.complete(answer);
              }
            });
    return answered;
  }

  private static CrowdRun.Sample sample(
      String route, long nanos, Answer answer, Throwable failure) {
    if (answer == null) {
      Throwable cause = failure.getCause() == null ? failure : failure.getCause();
      return new CrowdRun.Sample(route, nanos, 0, null, cause.getClass().getSimpleName());
    }
    return new CrowdRun.Sample(
        route, nanos, answer.status(), answer.headers().get("X-Devlogs-Cache"), errorCode(answer));
  }

  private static String errorCode(Answer answer) {
    if (answer.status() / 100 == 2) {
      return null;
    }
    try {
      JsonNode body = JSON.readTree(answer.content());
      String limit = body.path("detail").path("limit").asText("");
      // Which limit refused it: the front door, the store gate's queue or its wait, a rate.
      return body.path("error").asText("?") + (limit.isEmpty() ? "" : "(" + limit + ")");
    } catch (IOException e) {
      return "not JSON";
    }
  }
}
