package io.devlogs.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.testing.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Posts events to the running ingest service ({@link LocalStack#ingestUrl()}), as apps do. */
public final class IngestApi {
  private IngestApi() {}

  /** Posts NDJSON lines with an ingest key; fails unless ingest accepts them (2xx). */
  public static void post(LocalStack stack, String ingestKey, String ndjson)
      throws IOException, InterruptedException {
    String url = stack.ingestUrl() + "/v1/logs";
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + ingestKey)
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(ndjson))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("ingest at %s: %s", url, response.body())
        .isBetween(200, 299);
  }
}
