package io.devlogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.bench.StreamRows;
import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.devlogs.testing.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * System test of the JobManager's high availability on the local Flink cluster of {@code
 * bin/devlogs up}: while events with unique ids flow at a steady rate into a new project, {@code
 * bin/devlogs kill flink-jobmanager} SIGKILLs the JobManager and {@code bin/devlogs start
 * flink-jobmanager} starts a new one. With no other step, the new JobManager takes the leadership
 * in ZooKeeper and recovers the same job from its latest completed checkpoint, state included.
 *
 * <p>Then every acknowledged event is exactly once (by id) in ClickHouse {@code events}, Cassandra
 * {@code stream_events} and the parsed topic ({@code read_committed}); the minute windows count
 * exactly the acknowledged events of each minute (the minute open at the kill included); events
 * re-sent after the recovery with ids acknowledged before the kill are dropped (the de-duplication
 * memory survived); and none is a dead letter. It prints the figures of the README's fault table:
 * time until the job ran again and until each store caught up, the highest lag, and loss and
 * doubles per store.
 */
class JobManagerFailoverIT {
  private static final String JOB = "devlogs-log-pipeline";
  private static final int RATE = 200; // events/s
  private static final int STREAMS = 4;
  private static final int RESENT_BATCHES = 10;
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(150);
  private static final Duration AFTER_RECOVERY = Duration.ofSeconds(20);
  // The last minute window closes once the watermark passes its end plus the 10 s out-of-orderness.
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(150);

  private static final Settings SETTINGS = Settings.fromEnvironment(new String[0]);
  private static final DevlogsHttp HTTP =
      new DevlogsHttp(
          SETTINGS.get("ingest.url", "http://127.0.0.1:18080"),
          SETTINGS.get("query.url", "http://127.0.0.1:18090"));
  private static final FlinkRest FLINK =
      new FlinkRest(SETTINGS.get("flink.rest-url", "http://127.0.0.1:18081"));
  private static final Launcher LAUNCHER = new Launcher();

  private final long startNanos = System.nanoTime();
  private final ProjectStore projects = ProjectStore.connect(SETTINGS);
  private final StoredCounts counts = new StoredCounts(SETTINGS);
  private final StoredIds ids = new StoredIds(SETTINGS);
  private final StreamRows streamRows = StreamRows.connect(SETTINGS);
  private SteadyLoad load;
  private ParsedTopicIds parsed;
  private LagSampler lag;

  /** Whatever happened, the stack is left healthy: JobManager up, job RUNNING. */
  @AfterEach
  void leaveTheStackHealthy() throws Exception {
    if (lag != null) {
      lag.close();
    }
    if (load != null) {
      load.close();
    }
    if (parsed != null) {
      parsed.close();
    }
    LAUNCHER.run("start", "flink-jobmanager");
    LAUNCHER.run("start", "flink-taskmanager");
    LAUNCHER.run("job", "start");
    streamRows.close();
    ids.close();
    counts.close();
    projects.close();
  }

  @Test
  void theJobComesBackByItselfFromItsLatestCheckpointAfterTheJobManagerIsKilled() throws Exception {
    String job =
        FLINK.runningJobId(JOB).orElseThrow(() -> new AssertionError(JOB + " not RUNNING"));
    Project p = projects.createProject("system-test-ha-" + shortId());
    String project = p.id();
    String tickKey =
        projects.issueKey(
            projects.createProject("system-test-ticks-" + shortId()).id(), Scope.INGEST);
    DeadLetters deadLetters = DeadLetters.fromNow(SETTINGS);
    parsed = new ParsedTopicIds(SETTINGS, project);
    load = new SteadyLoad(HTTP, projects.issueKey(project, Scope.INGEST), project, RATE, STREAMS);
    Map<String, LongSupplier> stores = new LinkedHashMap<>();
    stores.put("ClickHouse events", () -> counts.clickHouseEvents(project));
    stores.put("Cassandra stream_events", () -> streamRows.count(project, load.partitions()));
    stores.put("parsed topic", parsed::records);
    lag = new LagSampler(load::acknowledged, stores);
    load.start();
    lag.start();
    progress("project %s: %d events/s with unique ids, job %s", project, RATE, job);

    // Steady state first: events committed, and two more checkpoints for the lag's baseline.
    Poll.until(
        STEP_TIMEOUT,
        () -> counts.clickHouseEvents(project),
        n -> n > 0,
        "the first committed events of " + project);
    long firstCheckpoint = FLINK.latestCompletedCheckpoint(job);
    long checkpointAtKill =
        Poll.until(
            STEP_TIMEOUT,
            () -> FLINK.latestCompletedCheckpoint(job),
            id -> id >= firstCheckpoint + 2,
            "two more completed checkpoints of " + job);

    long killedAt = System.currentTimeMillis();
    LAUNCHER.run("kill", "flink-jobmanager");
    long acknowledgedAtKill = load.acknowledged();
    LAUNCHER.run("start", "flink-jobmanager");
    long jobManagerUpAt = System.currentTimeMillis();
    String recovered =
        Poll.until(
                RECOVERY_TIMEOUT,
                () -> runningWithAllTasks(),
                Optional::isPresent,
                JOB + " to run again with all its tasks, with no manual step")
            .orElseThrow();
    long runningAt = System.currentTimeMillis();
    progress(
        "job RUNNING %.1f s after the kill (JobManager up after %.1f s); %d events acknowledged"
            + " since the kill",
        seconds(runningAt - killedAt),
        seconds(jobManagerUpAt - killedAt),
        load.acknowledged() - acknowledgedAtKill);
    assertThat(recovered).as("the same job, recovered by the new JobManager").isEqualTo(job);
    JsonNode restored = FLINK.restored(job);
    assertThat(restored.path("is_savepoint").asBoolean()).as("restored %s", restored).isFalse();
    assertThat(restored.path("id").asLong())
        .as(
            "restored from a checkpoint at least as new as the last one before the kill: %s",
            restored)
        .isGreaterThanOrEqualTo(checkpointAtKill);
    assertThat(restored.path("restore_timestamp").asLong()).isGreaterThan(killedAt);

    long committedAtRunning = counts.clickHouseEvents(project);
    Poll.until(
        STEP_TIMEOUT,
        () -> counts.clickHouseEvents(project),
        n -> n > committedAtRunning,
        "the recovered job to commit events again");
    long committingAt = System.currentTimeMillis();
    progress("committing again %.1f s after the kill", seconds(committingAt - killedAt));

    long resent = load.resendFirst(RESENT_BATCHES);
    long acknowledgedAtRunning = load.acknowledged();
    Poll.until(
        AFTER_RECOVERY.plus(STEP_TIMEOUT),
        load::acknowledged,
        n -> n >= acknowledgedAtRunning + AFTER_RECOVERY.toSeconds() * RATE,
        "load to go on after the recovery");
    load.stop();
    long loadStoppedAt = System.currentTimeMillis();
    Set<String> acknowledged = load.acknowledgedIds();
    long total = acknowledged.size();
    progress(
        "load stopped: %d acknowledged (%d batches retried), %d re-sent with old ids",
        total, load.retries(), resent);

    // The windows of the last minute close only when the watermark passes them, and only newer
    // events move it: a tick from another project every poll moves it along with the clock.
    Poll.until(
        DRAIN_TIMEOUT,
        () -> {
          HTTP.postNdjson(tickKey, "{\"msg\":\"tick\",\"service\":\"system-test\"}\n");
          return List.of(
              counts.clickHouseEvents(project),
              counts.windowEvents(project),
              streamRows.count(project, load.partitions()),
              parsed.records());
        },
        held -> held.stream().allMatch(n -> n >= total),
        total + " events in ClickHouse events and event_windows, Cassandra and the parsed topic");
    lag.close();

    List<Exactness> exactness =
        List.of(
            Exactness.of("ClickHouse events", acknowledged, ids.clickHouse(project)),
            Exactness.of(
                "Cassandra stream_events", acknowledged, ids.cassandra(project, load.partitions())),
            Exactness.of("parsed topic", acknowledged, parsed.counts()));
    SortedMap<Instant, Long> windows = ids.windowEventsPerMinute(project);
    long letters = deadLetters.countOf(project);

    progress("fault: JobManager SIGKILL, then bin/devlogs start flink-jobmanager");
    progress(
        "  job RUNNING again after %.1f s, committing after %.1f s",
        seconds(runningAt - killedAt), seconds(committingAt - killedAt));
    for (String store : stores.keySet()) {
      long baseline = lag.highestLagBefore(store, killedAt);
      String caughtUp =
          lag.caughtUpAt(store, runningAt, baseline).stream()
              .mapToObj(at -> String.format("%.1f s", seconds(at - killedAt)))
              .findFirst()
              .orElse("not within the load (" + seconds(loadStoppedAt - killedAt) + " s)");
      progress(
          "  %s: caught up %s after the kill (lag back to its steady-state %d), highest lag %d events",
          store, caughtUp, baseline, lag.highestLag(store, killedAt));
    }
    exactness.forEach(e -> progress("  %s", e));
    progress(
        "  event_windows: %d minutes, %d events; acknowledged %s; dead letters %d",
        windows.size(),
        windows.values().stream().mapToLong(Long::longValue).sum(),
        load.acknowledgedPerMinute(),
        letters);

    assertThat(exactness).allSatisfy(e -> assertThat(e.exact()).as(e.toString()).isTrue());
    assertThat(windows)
        .as("event_windows FINAL, events per minute")
        .isEqualTo(load.acknowledgedPerMinute());
    assertThat(letters).as("dead letters of the project").isZero();
  }

  /** The pipeline's job id once it is RUNNING with every task running; empty while it is not. */
  private static Optional<String> runningWithAllTasks() {
    try {
      return FLINK.runningJobId(JOB).filter(FLINK::allTasksRunning);
    } catch (RuntimeException e) {
      return Optional.empty(); // the JobManager is starting, or not the leader yet
    }
  }

  private void progress(String format, Object... args) {
    System.out.printf(
        "[system-test %5.1fs] %s%n",
        (System.nanoTime() - startNanos) / 1e9, String.format(format, args));
  }

  private static double seconds(long millis) {
    return millis / 1000.0;
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
