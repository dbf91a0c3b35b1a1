package io.devlogs.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.testing.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** What the Flink JobManager's REST API says about the job. */
final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  FlinkRest(LocalStack stack) {
    this.baseUrl = stack.flinkRestUrl().toString();
  }

  /** The id of the RUNNING job with this name, if there is one. */
  Optional<String> runningJobId(String name) {
    for (JsonNode job : get("/jobs/overview").path("jobs")) {
      if (job.path("name").asText().equals(name) && job.path("state").asText().equals("RUNNING")) {
        return Optional.of(job.path("jid").asText());
      }
    }
    return Optional.empty();
  }

  /** The job's state: RUNNING, RESTARTING, FINISHED... */
  String state(String jobId) {
    return get("/jobs/" + jobId).path("state").asText();
  }

  /** RUNNING with every task of every vertex running: the job processes records again. */
  boolean allTasksRunning(String jobId) {
    JsonNode job = get("/jobs/" + jobId);
    if (!job.path("state").asText().equals("RUNNING")) {
      return false;
    }
    for (JsonNode vertex : job.path("vertices")) {
      if (!vertex.path("status").asText().equals("RUNNING")) {
        return false;
      }
    }
    return true;
  }

  /** How often the job restarted (metric {@code numRestarts}; refreshed every few seconds). */
  long restarts(String jobId) {
    for (JsonNode metric : get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
      return metric.path("value").asLong();
    }
    return 0;
  }

  /** What the job restored from at its start ({@code latest.restored}), or a missing node. */
  JsonNode restored(String jobId) {
    return get("/jobs/" + jobId + "/checkpoints").path("latest").path("restored");
  }

  /** The id of the job's latest completed checkpoint, or -1 before its first. */
  long latestCompletedCheckpoint(String jobId) {
    JsonNode completed = get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
    return completed.isObject() ? completed.path("id").asLong() : -1;
  }

  /** Cancels the job without a savepoint ({@code PATCH /jobs/<id>?mode=cancel}). */
  void cancel(String jobId) {
    send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/" + jobId + "?mode=cancel"))
            .method("PATCH", HttpRequest.BodyPublishers.noBody()),
        "cancel " + jobId);
  }

  private JsonNode get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)), path);
  }

  private JsonNode send(HttpRequest.Builder request, String what) {
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "Flink REST " + what + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
