package io.devlogs.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The job's Kafka source lag as Flink reports it: the sum over its subtasks of the source's {@code
 * pendingRecords} metric (records between the consumer's position and the log end), through the
 * REST API. Unlike the committed offsets it does not saw-tooth with the checkpoints; the REST API
 * refreshes metrics every {@code metrics.fetcher.update-interval} (10 s by default), though. A job
 * that is not RUNNING (restarting, say, after its TaskManager died) reports 0 pending records: it
 * reads nothing, so nothing is pending for it; its lag is then unknown (-1), not 0.
 */
final class SourcePending {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI rest;
  private final String jobName;
  private String jobPath;
  private String metricsPath;
  private String metric;

  SourcePending(URI flinkRest, String jobName) {
    this.rest = flinkRest;
    this.jobName = jobName;
  }

  /** The sum of pendingRecords, or -1 if the job, its source or the metric cannot be found. */
  long pending() {
    try {
      if (metric == null && !locate()) {
        return -1;
      }
      if (!get(jobPath).path("state").asText().equals("RUNNING")) {
        metric = null;
        return -1;
      }
      JsonNode answer = get(metricsPath + "?get=" + metric + "&agg=sum");
      JsonNode sum = answer.path(0).path("sum");
      if (!sum.isNumber()) {
        metric = null; // the job may have been restarted: locate it again next time
        return -1;
      }
      return sum.asLong();
    } catch (IOException e) {
      metric = null;
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private boolean locate() throws IOException, InterruptedException {
    for (JsonNode job : get("/jobs/overview").path("jobs")) {
      if (job.path("name").asText().equals(jobName)
          && job.path("state").asText().equals("RUNNING")) {
        String candidate = "/jobs/" + job.path("jid").asText();
        for (JsonNode vertex : get(candidate).path("vertices")) {
          if (vertex.path("name").asText().startsWith("Source:")) {
            String path =
                candidate + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
            for (JsonNode m : get(path)) {
              if (m.path("id").asText().endsWith(".pendingRecords")) {
                jobPath = candidate;
                metricsPath = path;
                metric = m.path("id").asText();
                return true;
              }
            }
          }
        }
      }
    }
    return false;
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(rest + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("Flink answered " + response.statusCode() + " for " + path);
    }
    return JSON.readTree(response.body());
  }
}
