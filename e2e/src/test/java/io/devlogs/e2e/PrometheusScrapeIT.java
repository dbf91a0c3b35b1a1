package io.devlogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.Poll;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package), started by this test on port {@value #PORT} with the
 * configuration {@code bin/devlogs prometheus-config} renders, scrapes the running stack: ingest,
 * the query service and Flink's JobManager and TaskManager are up, and the series an operator
 * watches exist (the query service's requests per route, the Kafka source's lag, checkpoints). The
 * Flink targets need a stack started with this launcher (the reporter's ports of
 * bin/lib/components.sh).
 */
class PrometheusScrapeIT {
  private static final int PORT = 21090;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static Process prometheus;

  @BeforeAll
  static void startPrometheus() throws Exception {
    Path config = dir.resolve("prometheus.yml");
    new Launcher().run("prometheus-config", config.toString());
    Files.createDirectories(dir.resolve("data"));
    prometheus =
        new ProcessBuilder(
                "prometheus",
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + PORT)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    Poll.until(
        Duration.ofSeconds(30),
        PrometheusScrapeIT::ready,
        "Prometheus on port " + PORT + " to be ready");
  }

  private static boolean ready() throws InterruptedException {
    try {
      return get("/-/ready").statusCode() == 200;
    } catch (java.io.IOException notListeningYet) {
      return false;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stopPrometheus() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void ingestAndTheQueryServiceAreScrapedWithTheirSeries() throws Exception {
    // one search (refused without a key, still counted under its route)
    HTTP.send(
        HttpRequest.newBuilder(LocalStack.fromEnvironment().queryUrl().resolve("/v1/logs?q=x"))
            .build(),
        HttpResponse.BodyHandlers.discarding());
    awaitUp("devlogs-ingest");
    awaitUp("devlogs-query");
    awaitSeries("devlogs_query_requests_total{route=\"/v1/logs\"}");
    awaitSeries("devlogs_query_request_seconds_bucket{route=\"/v1/logs\"}");
    awaitSeries("devlogs_ingest_requests_total");
  }

  @Test
  void theFlinkJobManagerAndTaskManagerAreScrapedWithLagAndCheckpoints() throws Exception {
    awaitUp("flink-jobmanager");
    awaitUp("flink-taskmanager");
    awaitSeries("flink_taskmanager_job_task_operator_pendingRecords");
    awaitSeries(
        "flink_taskmanager_job_task_operator_KafkaSourceReader_topic_partition_currentOffset");
    awaitSeries("flink_jobmanager_job_lastCheckpointDuration");
    awaitSeries("flink_jobmanager_numRunningJobs");
    awaitSeries("flink_taskmanager_job_task_operator_cause_deadLetters");
  }

  private static void awaitUp(String job) {
    Map<String, String> health = new HashMap<>();
    boolean up =
        Poll.latest(
            Duration.ofSeconds(60),
            () -> {
              for (JsonNode target : json("/api/v1/targets").path("data").path("activeTargets")) {
                health.put(
                    target.path("labels").path("job").asText(),
                    target.path("health").asText() + " " + target.path("lastError").asText());
              }
              return health.getOrDefault(job, "absent").startsWith("up");
            },
            Boolean::booleanValue);
    assertThat(up).as("%s up in Prometheus; targets: %s", job, health).isTrue();
  }

  private static void awaitSeries(String selector) {
    Poll.until(
        Duration.ofSeconds(60),
        () ->
            json("/api/v1/query?query=" + URLEncoder.encode(selector, StandardCharsets.UTF_8))
                    .path("data")
                    .path("result")
                    .size()
                > 0,
        "a series " + selector + " in Prometheus");
  }

  private static JsonNode json(String path) throws Exception {
    return JSON.readTree(get(path).body());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
