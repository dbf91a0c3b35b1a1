package io.devlogs.ops.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.ops.Progress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineJobTest {
  private static final String NAME = "devlogs-log-pipeline";
  private static final String JOB = "40ab10530e3a4ebc231fe171dbbf0e59";

  @TempDir Path home;
  private final FakeJobManager jobManager = new FakeJobManager();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void stop() {
    jobManager.close();
  }

  private PipelineJob job(Path jar) {
    return new PipelineJob(
        new FlinkRest(jobManager.url()),
        Progress.to(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)),
        NAME,
        jar,
        new PipelineHistory(home.resolve("data/flink")),
        home.resolve("logs"));
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void submitsTheJarWithItsArgumentsAndWaitsUntilItRuns() throws IOException {
    Path jar = Files.write(home.resolve("devlogs-flink-jobs.jar"), new byte[] {'P', 'K', 3, 4});
    AtomicBoolean submitted = new AtomicBoolean();
    jobManager
        .answer(
            "GET /jobs/overview",
            () ->
                Recorded.text(submitted.get() ? "jobs-overview.json" : "jobs-overview-ended.json"))
        .answer("POST /jars/upload", "jar-upload.json")
        .answer(
            "POST /jars/13e3db1e-5495-4dde-a118-3c7146d2ec77_devlogs-flink-jobs.jar/run",
            () -> {
              submitted.set(true);
              return Recorded.text("jar-run.json");
            });

    job(jar).submit(2, List.of("--postgres.password=pg"));

    FakeJobManager.Request upload =
        jobManager.requests.stream()
            .filter(r -> r.path().equals("/jars/upload"))
            .findFirst()
            .orElseThrow();
    assertThat(upload.body()).contains("name=\"jarfile\"; filename=\"devlogs-flink-jobs.jar\"");
    FakeJobManager.Request run =
        jobManager.requests.stream()
            .filter(r -> r.path().endsWith("/run"))
            .findFirst()
            .orElseThrow();
    assertThat(FlinkAnswers.parse(run.body()).path("programArgsList").get(0).asText())
        .isEqualTo("--postgres.password=pg");
    assertThat(FlinkAnswers.parse(run.body()).has("savepointPath")).isFalse();
    assertThat(output())
        .contains(
            "flink-job ......... starting " + NAME + " from the consumer group's committed offsets")
        .contains("flink-job ......... " + NAME + " submitted (" + JOB + ")")
        .contains("flink-job ......... " + NAME + " RUNNING");
    assertThat(Files.readAllLines(home.resolve("data/flink/pipeline-jobs"))).containsExactly(JOB);
    assertThat(Files.readString(home.resolve("logs/flink-job.log"))).contains(JOB);
  }

  @Test
  void leavesAJobTheJobManagerIsRecoveringAlone() throws IOException {
    Path jar = Files.write(home.resolve("devlogs-flink-jobs.jar"), new byte[] {1});
    jobManager.answer("GET /jobs/overview", "jobs-overview.json");

    job(jar).submit(2, List.of());

    assertThat(jobManager.requests).noneMatch(r -> r.method().equals("POST"));
    assertThat(output()).contains(NAME + " already there (RUNNING)").contains(NAME + " RUNNING");
  }

  @Test
  void aJarThatIsNotBuiltIsSkipped() {
    job(home.resolve("missing.jar")).submit(2, List.of());
    assertThat(output()).contains("skipped: " + home.resolve("missing.jar") + " not built");
    assertThat(jobManager.requests).isEmpty();
  }

  @Test
  void stopsWithASavepointAndRemembersIt() throws IOException {
    jobManager
        .answer("GET /jobs/overview", "jobs-overview.json")
        .answer("POST /jobs/" + JOB + "/stop", "job-stop.json")
        .answer(
            "GET /jobs/" + JOB + "/savepoints/b1f6e1e5a7c3c1a1b3b1f3f9a2d6f0c4",
            "savepoint-completed.json");

    assertThat(job(home.resolve("j.jar")).stopWithSavepoint()).isTrue();

    String location =
        "file:/work/main/.devlogs/data/flink/savepoints/savepoint-7f24cf-d0a1aada8df5";
    assertThat(Files.readAllLines(home.resolve("data/flink/last-savepoint")))
        .containsExactly(location);
    assertThat(output())
        .contains("stopping " + NAME + " (" + JOB + ") with a savepoint")
        .contains("stopped with savepoint " + location);
    FakeJobManager.Request stop =
        jobManager.requests.stream()
            .filter(r -> r.path().endsWith("/stop"))
            .findFirst()
            .orElseThrow();
    assertThat(FlinkAnswers.parse(stop.body()).path("targetDirectory").asText())
        .isEqualTo("file://" + home.resolve("data/flink/savepoints"));
  }

  @Test
  void aSavepointThatFailedLeavesTheJobRunningAndSaysWhy() {
    jobManager
        .answer("GET /jobs/overview", "jobs-overview.json")
        .answer("POST /jobs/" + JOB + "/stop", "job-stop.json")
        .answer(
            "GET /jobs/" + JOB + "/savepoints/b1f6e1e5a7c3c1a1b3b1f3f9a2d6f0c4",
            "savepoint-failed.json");

    assertThat(job(home.resolve("j.jar")).stopWithSavepoint()).isFalse();

    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("devlogs: warning: stop-with-savepoint of " + NAME + " failed: ");
    assertThat(home.resolve("data/flink/last-savepoint")).doesNotExist();
  }

  @Test
  void aJobThatCannotTakeASavepointIsCancelledForTheNewJar() {
    AtomicBoolean cancelled = new AtomicBoolean();
    jobManager
        .answer(
            "GET /jobs/overview",
            () ->
                Recorded.text(cancelled.get() ? "jobs-overview-ended.json" : "jobs-overview.json"))
        .answer("POST /jobs/" + JOB + "/stop", "job-stop.json")
        .answer(
            "GET /jobs/" + JOB + "/savepoints/b1f6e1e5a7c3c1a1b3b1f3f9a2d6f0c4",
            "savepoint-failed.json")
        .answer(
            "PATCH /jobs/" + JOB + "?mode=cancel",
            () -> {
              cancelled.set(true);
              return "{}";
            });

    assertThat(job(home.resolve("j.jar")).stopForNewJar()).isTrue();

    assertThat(cancelled).isTrue();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("cancelling " + NAME + " (" + JOB + ") instead");
  }

  @Test
  void noRunningJobIsNothingToStop() {
    jobManager.answer("GET /jobs/overview", "jobs-overview-ended.json");
    assertThat(job(home.resolve("j.jar")).stopWithSavepoint()).isTrue();
    assertThat(jobManager.requests).noneMatch(r -> r.method().equals("POST"));
  }

  @Test
  void theStateIsNothingWhenTheJobManagerDoesNotAnswer() {
    jobManager.close();
    assertThat(job(home.resolve("j.jar")).state()).isEmpty();
  }
}
