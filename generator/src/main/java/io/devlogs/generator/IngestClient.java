package io.devlogs.generator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts NDJSON batches to {@code POST /v1/logs}. */
public interface IngestClient {

  /** The answer to one request: status, body, and the Retry-After seconds if given (else -1). */
  record Answer(int status, String body, long retryAfterSeconds) {}

  /**
   * Posts one NDJSON body.
   *
   * @throws IOException if no answer arrived (connection refused, timeout)
   */
  Answer post(byte[] ndjson) throws IOException, InterruptedException;

  /** The real client over {@link HttpClient}. */
  static IngestClient http(URI baseUrl, String ingestKey) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI endpoint = URI.create(baseUrl + "/v1/logs");
    return ndjson -> {
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + ingestKey)
              .header("Content-Type", "application/x-ndjson")
              .POST(HttpRequest.BodyPublishers.ofByteArray(ndjson))
              .build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      long retryAfter =
          response
              .headers()
              .firstValue("Retry-After")
              .map(
                  v -> {
                    try {
                      return Long.parseLong(v.trim());
                    } catch (NumberFormatException e) {
                      return -1L;
                    }
                  })
              .orElse(-1L);
      return new Answer(response.statusCode(), response.body(), retryAfter);
    };
  }
}
