package io.devlogs.ops.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlinkAnswersTest {

  @Test
  void readsTheJobsOfTheOverview() {
    assertThat(FlinkAnswers.jobs(Recorded.json("jobs-overview.json")))
        .containsExactly(
            new JobSummary("40ab10530e3a4ebc231fe171dbbf0e59", "devlogs-log-pipeline", "RUNNING"));
    assertThat(FlinkAnswers.jobs(Recorded.json("jobs-overview-empty.json"))).isEmpty();
  }

  @Test
  void readsAJobsStateTasksRestartsAndCheckpoints() {
    JsonNode job = Recorded.json("job.json");
    assertThat(FlinkAnswers.state(job)).isEqualTo("RUNNING");
    assertThat(FlinkAnswers.allTasksRunning(job)).isTrue();
    ((com.fasterxml.jackson.databind.node.ObjectNode) job.path("vertices").get(0))
        .put("status", "DEPLOYING");
    assertThat(FlinkAnswers.allTasksRunning(job)).isFalse();

    assertThat(FlinkAnswers.restarts(Recorded.json("job-metrics-numRestarts.json"))).isZero();
    JsonNode checkpoints = Recorded.json("job-checkpoints.json");
    assertThat(FlinkAnswers.latestCompletedCheckpoint(checkpoints)).isEqualTo(10);
    assertThat(FlinkAnswers.restored(checkpoints).isNull()).isTrue();
    assertThat(FlinkAnswers.latestCompletedCheckpoint(FlinkAnswers.parse("{\"latest\":{}}")))
        .isEqualTo(-1);
    assertThat(FlinkAnswers.latestCompletedCheckpointTime(checkpoints))
        .contains(java.time.Instant.ofEpochMilli(1796551024109L));
    assertThat(FlinkAnswers.latestCompletedCheckpointTime(FlinkAnswers.parse("{\"latest\":{}}")))
        .isEmpty();
    assertThat(FlinkAnswers.startTime(job))
        .isEqualTo(java.time.Instant.ofEpochMilli(1796550913573L));
  }

  @Test
  void readsTheTaskManagerIds() {
    assertThat(FlinkAnswers.taskManagerIds(Recorded.json("taskmanagers.json")))
        .containsExactly("127.0.0.1:16125-d2d77a");
  }

  @Test
  void theUploadedJarsIdIsTheFileNameOfTheUpload() {
    assertThat(FlinkAnswers.uploadedJarId(Recorded.json("jar-upload.json")))
        .isEqualTo("13e3db1e-5495-4dde-a118-3c7146d2ec77_devlogs-flink-jobs.jar");
    assertThatThrownBy(() -> FlinkAnswers.uploadedJarId(FlinkAnswers.parse("{\"errors\":[]}")))
        .hasMessageContaining("upload");
  }

  @Test
  void readsTheSubmittedJobAndTheSavepointOperation() {
    assertThat(FlinkAnswers.submittedJobId(Recorded.json("jar-run.json")))
        .isEqualTo("40ab10530e3a4ebc231fe171dbbf0e59");
    assertThat(FlinkAnswers.triggerId(Recorded.json("job-stop.json")))
        .isEqualTo("b1f6e1e5a7c3c1a1b3b1f3f9a2d6f0c4");

    SavepointStatus pending = FlinkAnswers.savepoint(Recorded.json("savepoint-in-progress.json"));
    assertThat(pending.completed()).isFalse();
    SavepointStatus done = FlinkAnswers.savepoint(Recorded.json("savepoint-completed.json"));
    assertThat(done.completed()).isTrue();
    assertThat(done.location())
        .contains("file:/work/main/.devlogs/data/flink/savepoints/savepoint-7f24cf-d0a1aada8df5");
    SavepointStatus failed = FlinkAnswers.savepoint(Recorded.json("savepoint-failed.json"));
    assertThat(failed.completed()).isTrue();
    assertThat(failed.location()).isEmpty();
    assertThat(failed.answer()).contains("Checkpoint Coordinator is suspending");
  }

  @Test
  void theRunBodyCarriesArgumentsVerbatimAndTheRestorePointOnlyWhenGiven() {
    String body =
        FlinkAnswers.runBody(
            new RunRequest(
                "io.devlogs.flink.LogPipelineJob",
                2,
                List.of("--clickhouse.password=a\"b\\c", "--postgres.password="),
                Optional.of("file:/sp")));
    JsonNode parsed = FlinkAnswers.parse(body);
    assertThat(parsed.path("entryClass").asText()).isEqualTo("io.devlogs.flink.LogPipelineJob");
    assertThat(parsed.path("parallelism").asInt()).isEqualTo(2);
    assertThat(parsed.path("programArgsList").get(0).asText())
        .isEqualTo("--clickhouse.password=a\"b\\c");
    assertThat(parsed.path("programArgsList").get(1).asText()).isEqualTo("--postgres.password=");
    assertThat(parsed.path("savepointPath").asText()).isEqualTo("file:/sp");

    String fresh = FlinkAnswers.runBody(new RunRequest("Main", 1, List.of(), Optional.empty()));
    assertThat(FlinkAnswers.parse(fresh).has("savepointPath")).isFalse();
    assertThat(FlinkAnswers.parse(FlinkAnswers.stopBody("file:///sp")).toString())
        .isEqualTo("{\"targetDirectory\":\"file:///sp\",\"drain\":false}");
  }
}
