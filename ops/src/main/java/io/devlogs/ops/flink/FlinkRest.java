package io.devlogs.ops.flink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A client of the Flink JobManager's REST API: the launcher's job commands and the end-to-end tests
 * ask it about jobs, submit, stop and cancel them. Answers are read by {@link FlinkAnswers}. An
 * error status throws {@link FlinkRestException}; an unreachable JobManager {@link
 * UncheckedIOException}.
 */
public final class FlinkRest {
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient client;
  private final String baseUrl;
  private final Duration queryTimeout;

  /**
   * @param baseUrl e.g. {@code http://127.0.0.1:18081}
   */
  public FlinkRest(String baseUrl) {
    this(baseUrl, QUERY_TIMEOUT);
  }

  /**
   * @param queryTimeout how long a question (not an upload or a run) may take, connecting included
   */
  public FlinkRest(String baseUrl, Duration queryTimeout) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.queryTimeout = queryTimeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(
                queryTimeout.compareTo(CONNECT_TIMEOUT) < 0 ? queryTimeout : CONNECT_TIMEOUT)
            .build();
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** Every job the JobManager knows ({@code /jobs/overview}). */
  public List<JobSummary> jobs() {
    return FlinkAnswers.jobs(get("/jobs/overview"));
  }

  /** The jobs with this name. */
  public JobsByName jobsNamed(String name) {
    return new JobsByName(name, jobs());
  }

  /** The id of the RUNNING job with this name, if there is one. */
  public Optional<String> runningJobId(String name) {
    return jobsNamed(name).running().map(JobSummary::id);
  }

  /** The job's state: RUNNING, RESTARTING, FINISHED... */
  public String state(String jobId) {
    return FlinkAnswers.state(get("/jobs/" + jobId));
  }

  /** RUNNING with every task of every vertex running: the job processes records again. */
  public boolean allTasksRunning(String jobId) {
    return FlinkAnswers.allTasksRunning(get("/jobs/" + jobId));
  }

  /** How often the job restarted (metric {@code numRestarts}; refreshed every few seconds). */
  public long restarts(String jobId) {
    return FlinkAnswers.restarts(get("/jobs/" + jobId + "/metrics?get=numRestarts"));
  }

  /** What the job restored from at its start ({@code latest.restored}), or a missing node. */
  public JsonNode restored(String jobId) {
    return FlinkAnswers.restored(get("/jobs/" + jobId + "/checkpoints"));
  }

  /** The id of the job's latest completed checkpoint, or -1 before its first. */
  public long latestCompletedCheckpoint(String jobId) {
    return FlinkAnswers.latestCompletedCheckpoint(get("/jobs/" + jobId + "/checkpoints"));
  }

  /**
   * When the job's latest completed checkpoint (or savepoint) was acknowledged by every task, if it
   * completed one since it started.
   */
  public Optional<Instant> latestCompletedCheckpointTime(String jobId) {
    return FlinkAnswers.latestCompletedCheckpointTime(get("/jobs/" + jobId + "/checkpoints"));
  }

  /** When the job started (it restarts under the same id and start time). */
  public Instant startTime(String jobId) {
    return FlinkAnswers.startTime(get("/jobs/" + jobId));
  }

  /**
   * The ids of the TaskManagers the JobManager knows (a dead one until its heartbeat times out).
   */
  public List<String> taskManagerIds() {
    return FlinkAnswers.taskManagerIds(get("/taskmanagers"));
  }

  /** Cancels the job without a savepoint ({@code PATCH /jobs/<id>?mode=cancel}). */
  public void cancel(String jobId) {
    send(
        HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
            .method("PATCH", HttpRequest.BodyPublishers.noBody()),
        queryTimeout,
        "cancel " + jobId);
  }

  /** Uploads a job jar ({@code POST /jars/upload}) and returns its id on the cluster. */
  public String uploadJar(Path jar) {
    String boundary = "devlogs-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      body.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                  + jar.getFileName()
                  + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.write(Files.readAllBytes(jar));
      body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode answer =
        send(
            HttpRequest.newBuilder(uri("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
            UPLOAD_TIMEOUT,
            "upload of " + jar);
    return FlinkAnswers.uploadedJarId(answer);
  }

  /** Runs an uploaded jar ({@code POST /jars/<id>/run}); returns Flink's answer (the job id). */
  public JsonNode run(String jarId, RunRequest request) {
    return send(
        HttpRequest.newBuilder(uri("/jars/" + jarId + "/run"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(FlinkAnswers.runBody(request))),
        UPLOAD_TIMEOUT,
        "run of " + jarId);
  }

  /** Stops the job with a savepoint into the directory; returns the operation's trigger id. */
  public String stopWithSavepoint(String jobId, String targetDirectory) {
    return FlinkAnswers.triggerId(
        send(
            HttpRequest.newBuilder(uri("/jobs/" + jobId + "/stop"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FlinkAnswers.stopBody(targetDirectory))),
            queryTimeout,
            "stop of " + jobId));
  }

  /** Where the savepoint operation stands. */
  public SavepointStatus savepoint(String jobId, String triggerId) {
    return FlinkAnswers.savepoint(get("/jobs/" + jobId + "/savepoints/" + triggerId));
  }

  private JsonNode get(String path) {
    return send(HttpRequest.newBuilder(uri(path)), queryTimeout, path);
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }

  private JsonNode send(HttpRequest.Builder request, Duration timeout, String what) {
    try {
      HttpResponse<String> response =
          client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new FlinkRestException(what, response.statusCode(), response.body());
      }
      return FlinkAnswers.parse(response.body().isEmpty() ? "{}" : response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Flink REST " + what + " at " + baseUrl + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
