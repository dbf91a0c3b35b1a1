package io.devlogs.ops.flink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the Flink 1.20 REST API answers, read from its JSON (and the one request body the launcher
 * sends that is not empty). Pure functions, tested against recorded answers.
 */
public final class FlinkAnswers {
  static final ObjectMapper JSON = new ObjectMapper();

  private FlinkAnswers() {}

  public static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Flink answered something that is not JSON: " + body, e);
    }
  }

  /** {@code GET /jobs/overview}: every job the JobManager knows, in its order. */
  public static List<JobSummary> jobs(JsonNode overview) {
    List<JobSummary> jobs = new ArrayList<>();
    for (JsonNode job : overview.path("jobs")) {
      jobs.add(
          new JobSummary(
              job.path("jid").asText(), job.path("name").asText(), job.path("state").asText()));
    }
    return jobs;
  }

  /** {@code GET /jobs/<id>}: the job's state. */
  public static String state(JsonNode job) {
    return job.path("state").asText();
  }

  /** {@code GET /jobs/<id>}: RUNNING with every vertex RUNNING (the job processes records). */
  public static boolean allTasksRunning(JsonNode job) {
    if (!state(job).equals("RUNNING")) {
      return false;
    }
    for (JsonNode vertex : job.path("vertices")) {
      if (!vertex.path("status").asText().equals("RUNNING")) {
        return false;
      }
    }
    return true;
  }

  /** {@code GET /jobs/<id>/metrics?get=numRestarts}: how often the job restarted. */
  public static long restarts(JsonNode metrics) {
    for (JsonNode metric : metrics) {
      if (metric.path("id").asText().equals("numRestarts")) {
        return metric.path("value").asLong();
      }
    }
    return 0;
  }

  /** {@code GET /jobs/<id>/checkpoints}: the id of the latest completed checkpoint, or -1. */
  public static long latestCompletedCheckpoint(JsonNode checkpoints) {
    JsonNode completed = checkpoints.path("latest").path("completed");
    return completed.isObject() ? completed.path("id").asLong() : -1;
  }

  /**
   * {@code GET /jobs/<id>/checkpoints}: when the latest completed checkpoint was acknowledged by
   * every task, if there is one.
   */
  public static Optional<Instant> latestCompletedCheckpointTime(JsonNode checkpoints) {
    JsonNode acknowledged =
        checkpoints.path("latest").path("completed").path("latest_ack_timestamp");
    return acknowledged.isNumber() && acknowledged.asLong() > 0
        ? Optional.of(Instant.ofEpochMilli(acknowledged.asLong()))
        : Optional.empty();
  }

  /** {@code GET /jobs/<id>}: when the job started. */
  public static Instant startTime(JsonNode job) {
    return Instant.ofEpochMilli(job.path("start-time").asLong());
  }

  /** {@code GET /jobs/<id>/checkpoints}: what the job restored from, or a missing node. */
  public static JsonNode restored(JsonNode checkpoints) {
    return checkpoints.path("latest").path("restored");
  }

  /** {@code GET /taskmanagers}: the ids of the TaskManagers the JobManager knows. */
  public static List<String> taskManagerIds(JsonNode taskManagers) {
    List<String> ids = new ArrayList<>();
    for (JsonNode taskManager : taskManagers.path("taskmanagers")) {
      ids.add(taskManager.path("id").asText());
    }
    return ids;
  }

  /**
   * {@code POST /jars/upload}: the jar's id on the cluster, the file name of the upload.
   *
   * @throws IllegalStateException when the answer names no file
   */
  public static String uploadedJarId(JsonNode upload) {
    String path = upload.path("filename").asText("");
    if (path.isEmpty() || !upload.path("status").asText().equals("success")) {
      throw new IllegalStateException("the jar upload answered " + upload);
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** {@code POST /jars/<id>/run}: the new job's id. */
  public static String submittedJobId(JsonNode run) {
    return run.path("jobid").asText("");
  }

  /** {@code POST /jobs/<id>/stop}: the id of the savepoint operation. */
  public static String triggerId(JsonNode trigger) {
    return trigger.path("request-id").asText("");
  }

  /** {@code GET /jobs/<id>/savepoints/<trigger id>}: done or not, and with which savepoint. */
  public static SavepointStatus savepoint(JsonNode answer) {
    boolean completed = answer.path("status").path("id").asText().equals("COMPLETED");
    String location = answer.path("operation").path("location").asText("");
    return new SavepointStatus(
        completed,
        location.isEmpty() ? Optional.empty() : Optional.of(location),
        answer.toString());
  }

  /** The JSON body of {@code POST /jars/<id>/run}. */
  public static String runBody(RunRequest request) {
    ObjectNode body = JSON.createObjectNode();
    body.put("entryClass", request.entryClass());
    body.put("parallelism", request.parallelism());
    ArrayNode args = body.putArray("programArgsList");
    request.programArgs().forEach(args::add);
    request.restoreFrom().ifPresent(path -> body.put("savepointPath", path));
    return body.toString();
  }

  /** The JSON body of {@code POST /jobs/<id>/stop}: a savepoint into the directory, no drain. */
  public static String stopBody(String targetDirectory) {
    ObjectNode body = JSON.createObjectNode();
    body.put("targetDirectory", targetDirectory);
    body.put("drain", false);
    return body.toString();
  }
}
