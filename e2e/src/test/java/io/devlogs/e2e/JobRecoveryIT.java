package io.devlogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.generator.GeneratorOptions;
import io.devlogs.generator.LogGenerator;
import io.devlogs.ops.flink.FlinkRest;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.Poll;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * System tests on the local Flink cluster of {@code bin/devlogs up}: while the generator posts
 * realistic logs through ingest, the job survives a SIGKILL of its TaskManager, and a stop with a
 * savepoint followed by a resume, and afterwards every event ingest acknowledged is in ClickHouse
 * {@code events} once (counted without FINAL), in Cassandra once, in the minute windows once, and
 * none is a dead letter. Each test also proves that the failure or the restore really happened.
 *
 * <p>The stack is operated through the launcher, as an operator would ({@code bin/devlogs kill
 * flink-taskmanager}, {@code job stop}, ...), and is left with its TaskManager up and the job
 * RUNNING whatever happens.
 */
class JobRecoveryIT {
  private static final String JOB = "devlogs-log-pipeline";
  private static final double RATE = 200; // events/s
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);
  // The last minute window closes once the watermark passes its end plus the 10 s out-of-orderness.
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(150);
  private static final Pattern SAVEPOINT = Pattern.compile("stopped with savepoint (\\S+)");

  private static final LocalStack STACK = LocalStack.fromEnvironment();
  private static final Settings SETTINGS = STACK.settings();
  private static final DevlogsHttp HTTP = new DevlogsHttp(STACK);
  private static final FlinkRest FLINK = new FlinkRest(STACK.flinkRestUrl().toString());
  private static final Launcher LAUNCHER = new Launcher();

  private static ProjectStore projects;
  private static ApiKeyStore keyStore;
  private static StoredCounts stored;
  private static String tickKey;

  private final ExecutorService generatorThread = Executors.newSingleThreadExecutor();
  private final long startNanos = System.nanoTime();
  private String project;
  private LogGenerator generator;
  private Future<LogGenerator.Totals> generated;
  private TopicRecords deadLetters;

  @BeforeAll
  static void connect() {
    ProjectsDatabase database = ProjectsDatabase.connect(SETTINGS);
    projects = new ProjectStore(database);
    keyStore = new ApiKeyStore(database);
    stored = new StoredCounts(SETTINGS);
    Project ticks = projects.createProject(STACK.uniqueName("system-test-ticks"));
    tickKey = keyStore.issueKey(ticks.id(), Scope.INGEST);
  }

  @AfterAll
  static void disconnect() {
    stored.close();
  }

  @BeforeEach
  void startGenerator() {
    Project p = projects.createProject(STACK.uniqueName("system-test"));
    project = p.id();
    deadLetters = TopicRecords.deadLettersFromNow(SETTINGS);
    generator =
        new LogGenerator(
            new GeneratorOptions(
                STACK.ingestUrl(),
                keyStore.issueKey(project, Scope.INGEST),
                RATE,
                Optional.empty(),
                50,
                project.hashCode()));
    generated = generatorThread.submit(generator::run);
    progress("project %s: generator started, %.0f events/s", project, RATE);
  }

  /** Whatever happened, the stack is left healthy: TaskManager up, job RUNNING. */
  @AfterEach
  void leaveTheStackHealthy() {
    generator.stop();
    generatorThread.shutdownNow();
    LAUNCHER.run("start", "flink-taskmanager");
    LAUNCHER.run("job", "start");
  }

  @Test
  void everyAcknowledgedEventIsStoredOnceAfterTheTaskManagerIsKilled() throws Exception {
    String job =
        FLINK.runningJobId(JOB).orElseThrow(() -> new AssertionError(JOB + " not RUNNING"));
    long restartsBefore = FLINK.restarts(job);
    awaitFirstCommit();

    LAUNCHER.run("kill", "flink-taskmanager");
    long acceptedAtKill = generator.accepted();
    LAUNCHER.run("start", "flink-taskmanager");
    Poll.until(
        STEP_TIMEOUT,
        () -> FLINK.restarts(job) > restartsBefore && FLINK.allTasksRunning(job),
        recovered -> recovered,
        "job " + job + " to restart (numRestarts > " + restartsBefore + ") and run again");
    progress(
        "job %s restarted %d time(s); %d events accepted since the kill",
        job, FLINK.restarts(job) - restartsBefore, generator.accepted() - acceptedAtKill);

    assertEveryAcceptedEventStoredOnce(generateAWhileMoreAndStop());
  }

  @Test
  void everyAcknowledgedEventIsStoredOnceAfterAStopWithSavepointAndResume() throws Exception {
    String job =
        FLINK.runningJobId(JOB).orElseThrow(() -> new AssertionError(JOB + " not RUNNING"));
    awaitFirstCommit();

    Matcher stopped = SAVEPOINT.matcher(LAUNCHER.run("job", "stop"));
    assertThat(stopped.find()).as("job stop names its savepoint").isTrue();
    String savepoint = stopped.group(1);
    assertThat(FLINK.state(job)).isEqualTo("FINISHED");
    long acceptedAtStop = generator.accepted();
    Poll.until(
        STEP_TIMEOUT,
        generator::accepted,
        accepted -> accepted >= acceptedAtStop + 2 * (long) RATE,
        "ingest to accept events into Kafka while the job is stopped");
    progress("%d events accepted while the job was stopped", generator.accepted() - acceptedAtStop);

    LAUNCHER.run("job", "start");
    String resumed =
        FLINK.runningJobId(JOB).orElseThrow(() -> new AssertionError(JOB + " not resumed"));
    assertThat(resumed).as("a new job").isNotEqualTo(job);
    JsonNode restored = FLINK.restored(resumed);
    assertThat(restored.path("is_savepoint").asBoolean()).as("restored %s", restored).isTrue();
    assertThat(restored.path("external_path").asText()).isEqualTo(savepoint);
    Poll.until(
        STEP_TIMEOUT, () -> FLINK.allTasksRunning(resumed), running -> running, "tasks running");
    progress("job %s resumed from %s", resumed, savepoint);

    assertEveryAcceptedEventStoredOnce(generateAWhileMoreAndStop());
  }

  /** Waits until a checkpoint committed some of this run's events, so the failure meets state. */
  private void awaitFirstCommit() {
    long committed =
        Poll.until(
            STEP_TIMEOUT,
            () -> stored.clickHouseEvents(project),
            count -> count > 0,
            "the first committed events of " + project);
    progress("%d events committed to ClickHouse, %d accepted", committed, generator.accepted());
  }

  private LogGenerator.Totals generateAWhileMoreAndStop() throws Exception {
    long now = generator.accepted();
    Poll.until(
        STEP_TIMEOUT,
        generator::accepted,
        accepted -> accepted >= now + 3 * (long) RATE,
        "more events accepted after the recovery");
    generator.stop();
    LogGenerator.Totals totals = generated.get(60, TimeUnit.SECONDS);
    progress("generator stopped: %s", totals);
    return totals;
  }

  private record Drained(long events, long windowEvents) {}

  private void assertEveryAcceptedEventStoredOnce(LogGenerator.Totals totals) {
    assertThat(totals.dropped()).as("events ingest rejected").isZero();
    long accepted = totals.accepted();
    progress("waiting for %d events in every store", accepted);
    // The windows of the last minute close only when the watermark of every Kafka partition
    // passes them, and only newer records move it: a tick from another project every poll moves
    // its partition's along with the clock; the project's own partition, once the generator
    // stopped, moves with other projects' records or is left out after windows.idleness (1 min).
    Poll.until(
        DRAIN_TIMEOUT,
        () -> {
          HTTP.postNdjson(tickKey, "{\"msg\":\"tick\",\"service\":\"system-test\"}\n");
          return new Drained(stored.clickHouseEvents(project), stored.windowEvents(project));
        },
        drained -> drained.events() >= accepted && drained.windowEvents() >= accepted,
        accepted + " events in ClickHouse events and event_windows");
    long clickHouse = stored.clickHouseEvents(project);
    long windows = stored.windowEvents(project);
    long cassandra = stored.cassandraRows(project);
    long letters = deadLetters.countOf(project);
    progress(
        "accepted %d; ClickHouse events %d, event_windows %d, Cassandra %d, dead letters %d",
        accepted, clickHouse, windows, cassandra, letters);
    assertThat(clickHouse).as("ClickHouse events, no FINAL").isEqualTo(accepted);
    assertThat(cassandra).as("Cassandra stream_events").isEqualTo(accepted);
    assertThat(windows).as("sum of event_windows FINAL").isEqualTo(accepted);
    assertThat(letters).as("dead letters of the project").isZero();
  }

  private void progress(String format, Object... args) {
    System.out.printf(
        "[system-test %5.1fs] %s%n",
        (System.nanoTime() - startNanos) / 1e9, String.format(format, args));
  }
}
