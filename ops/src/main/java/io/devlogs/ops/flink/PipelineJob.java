package io.devlogs.ops.flink;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.ops.Polling;
import io.devlogs.ops.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The launcher's operations on the pipeline job: submit it (resuming from where it stopped), stop
 * it with a savepoint, and say its state. Progress lines and warnings as bin/devlogs prints them.
 */
public final class PipelineJob {
  /** The job's main class in its jar. */
  public static final String ENTRY_CLASS = "io.devlogs.flink.LogPipelineJob";

  private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SAVEPOINT_TIMEOUT = Duration.ofSeconds(120);
  private static final String STEP = "flink-job";

  private final FlinkRest rest;
  private final Progress progress;
  private final String name;
  private final Path jar;
  private final PipelineHistory history;
  private final Path logDir;

  public PipelineJob(
      FlinkRest rest,
      Progress progress,
      String name,
      Path jar,
      PipelineHistory history,
      Path logDir) {
    this.rest = rest;
    this.progress = progress;
    this.name = name;
    this.jar = jar;
    this.history = history;
    this.logDir = logDir;
  }

  /**
   * The job's state (see {@link JobsByName#state()}), or nothing when no such job is known or the
   * JobManager does not answer.
   */
  public Optional<String> state() {
    try {
      return rest.jobsNamed(name).state();
    } catch (RuntimeException unreachable) {
      return Optional.empty();
    }
  }

  public boolean isRunning() {
    return state().filter("RUNNING"::equals).isPresent();
  }

  /**
   * Submits the job unless it is there: a job the JobManager is recovering on its own (high
   * availability) must not get a twin. Resumes from {@link PipelineHistory#restorePoint()}, else
   * from the consumer group's committed offsets. Problems are warnings: the rest of {@code up} goes
   * on.
   */
  public void submit(int parallelism, List<String> programArgs) {
    if (!Files.isRegularFile(jar)) {
      progress.step(STEP, "skipped: " + jar + " not built");
      return;
    }
    JobsByName existing;
    try {
      existing = rest.jobsNamed(name);
    } catch (RuntimeException unreachable) {
      existing = new JobsByName(name, List.of()); // the upload below says what is wrong
    }
    if (existing.active()) {
      awaitRunning(name + " already there (" + existing.state().orElse("") + ")", "");
      return;
    }
    Optional<String> restore = history.restorePoint();
    if (restore.isEmpty()) {
      progress.step(STEP, "starting " + name + " from the consumer group's committed offsets");
    } else if (restore.get().matches(".*/chk-[^/]*")) {
      progress.step(STEP, "resuming " + name + " from retained checkpoint " + restore.get());
    } else {
      progress.step(STEP, "resuming " + name + " from savepoint " + restore.get());
    }
    String escape =
        restore
            .map(
                path ->
                    "(if the job cannot restore "
                        + path
                        + ", delete "
                        + history.lastSavepointFile()
                        + " and "
                        + history.pipelineJobsFile()
                        + " to start from the committed offsets)")
            .orElse("");
    String jarId;
    try {
      jarId = rest.uploadJar(jar);
    } catch (RuntimeException e) {
      progress.warn("uploading " + jar + " to Flink failed");
      return;
    }
    JsonNode answer;
    try {
      answer = rest.run(jarId, new RunRequest(ENTRY_CLASS, parallelism, programArgs, restore));
    } catch (RuntimeException e) {
      appendJobLog(e instanceof FlinkRestException refused ? refused.body() : e.toString());
      progress.warn(
          join(
              "Flink refused to run "
                  + name
                  + "; see "
                  + logDir.resolve("flink-job.log")
                  + " and "
                  + logDir.resolve("flink-jobmanager.log"),
              escape));
      return;
    }
    appendJobLog(answer.toString());
    String jobId = FlinkAnswers.submittedJobId(answer);
    if (!jobId.isEmpty()) {
      history.recordJob(jobId);
    }
    awaitRunning(name + " submitted (" + jobId + ")", escape);
  }

  /** Prints what happened, then waits until the job is RUNNING, or warns with the hint. */
  private void awaitRunning(String what, String hint) {
    progress.step(STEP, what);
    if (Polling.until(RUNNING_TIMEOUT, this::isRunning)) {
      progress.step(STEP, name + " RUNNING");
    } else {
      progress.warn(
          join(
              name
                  + " not RUNNING after "
                  + RUNNING_TIMEOUT.toSeconds()
                  + "s (state: "
                  + state().orElse("")
                  + ")",
              hint));
    }
  }

  /** Whether a job of this name runs. */
  public boolean hasRunningJob() {
    try {
      return rest.runningJobId(name).isPresent();
    } catch (RuntimeException unreachable) {
      return false;
    }
  }

  /**
   * Stops the running job with a savepoint, so the next submission resumes from exactly where it
   * stopped; the savepoint's path goes to {@code last-savepoint}. True when no job runs.
   *
   * @return false (after a warning) if the savepoint did not complete; the job then keeps running
   */
  public boolean stopWithSavepoint() {
    Optional<String> running;
    try {
      running = rest.runningJobId(name);
    } catch (RuntimeException unreachable) {
      running = Optional.empty();
    }
    if (running.isEmpty()) {
      return true;
    }
    String jobId = running.get();
    progress.step(STEP, "stopping " + name + " (" + jobId + ") with a savepoint");
    String trigger;
    try {
      trigger =
          rest.stopWithSavepoint(jobId, "file://" + history.savepointsDirectory().toAbsolutePath());
    } catch (RuntimeException e) {
      trigger = "";
    }
    String triggerId = trigger;
    if (triggerId.isEmpty()
        || !Polling.until(SAVEPOINT_TIMEOUT, () -> savepoint(jobId, triggerId).completed())) {
      progress.warn(
          "stop-with-savepoint of "
              + name
              + " did not complete; see "
              + logDir.resolve("flink-jobmanager.log"));
      return false;
    }
    SavepointStatus done = savepoint(jobId, triggerId);
    if (done.location().isEmpty()) {
      String answer = done.answer();
      progress.warn(
          "stop-with-savepoint of "
              + name
              + " failed: "
              + answer.substring(0, Math.min(300, answer.length())));
      return false;
    }
    history.recordSavepoint(done.location().get());
    progress.step(STEP, "stopped with savepoint " + done.location().get());
    return true;
  }

  /**
   * Stops the running job so that a new jar can replace it: with a savepoint, or, when the
   * savepoint fails, by cancelling it. A job whose checkpoints fail cannot take a savepoint, and a
   * fixed jar is exactly what it needs; cancelled, it resumes from {@link
   * PipelineHistory#restorePoint()}, the newest state whose effects the exactly-once sinks
   * committed.
   *
   * @return false when the job has not ended (CANCELED) by the cancel's deadline
   */
  public boolean stopForNewJar() {
    if (stopWithSavepoint()) {
      return true;
    }
    Optional<String> running = rest.runningJobId(name);
    if (running.isEmpty()) {
      return true;
    }
    progress.warn(
        "cancelling "
            + name
            + " ("
            + running.get()
            + ") instead: the new jar resumes from "
            + history.restorePoint().orElse("the consumer group's committed offsets"));
    rest.cancel(running.get());
    return Polling.until(SAVEPOINT_TIMEOUT, () -> !rest.jobsNamed(name).active());
  }

  private SavepointStatus savepoint(String jobId, String triggerId) {
    try {
      return rest.savepoint(jobId, triggerId);
    } catch (RuntimeException unreachable) {
      return new SavepointStatus(false, Optional.empty(), unreachable.toString());
    }
  }

  private void appendJobLog(String text) {
    try {
      Files.createDirectories(logDir);
      Files.writeString(
          logDir.resolve("flink-job.log"),
          text + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String join(String message, String hint) {
    return hint.isEmpty() ? message : message + " " + hint;
  }
}
