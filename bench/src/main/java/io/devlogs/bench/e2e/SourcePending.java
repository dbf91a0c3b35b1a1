package io.devlogs.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger LOG = LoggerFactory.getLogger(SourcePending.class);
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI rest;
  private final String jobName;
  private final String topic;
  private String jobPath;
  private String metricsPath;
  private String metric;

  SourcePending(URI flinkRest, String jobName, String topic) {
    this.rest = flinkRest;
    this.jobName = jobName;
    this.topic = topic;
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

  /**
   * Finds the oldest RUNNING job of that name whose Kafka source reads the raw topic (its metrics
   * name the topic): {@code bench pipeline} runs instances of the same job on other topics.
   */
  private boolean locate() throws IOException, InterruptedException {
    long oldest = Long.MAX_VALUE;
    int matches = 0;
    for (JsonNode job : get("/jobs/overview").path("jobs")) {
      if (!job.path("name").asText().equals(jobName)
          || !job.path("state").asText().equals("RUNNING")) {
        continue;
      }
      String candidate = "/jobs/" + job.path("jid").asText();
      for (JsonNode vertex : get(candidate).path("vertices")) {
        if (!vertex.path("name").asText().startsWith("Source:")) {
          continue;
        }
        String path = candidate + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
        String pending = null;
        boolean readsTopic = false;
        for (JsonNode m : get(path)) {
          String id = m.path("id").asText();
          readsTopic |= id.contains(".topic." + topic + ".partition.");
          pending = id.endsWith(".pendingRecords") ? id : pending;
        }
        if (readsTopic && pending != null) {
          matches++;
          if (job.path("start-time").asLong() < oldest) {
            oldest = job.path("start-time").asLong();
            jobPath = candidate;
            metricsPath = path;
            metric = pending;
          }
        }
      }
    }
    if (matches > 1) {
      LOG.warn(
          "{} RUNNING jobs named {} read {}: following the oldest, {}",
          matches,
          jobName,
          topic,
          jobPath);
    }
    return metric != null;
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
