package io.devlogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import io.devlogs.bench.StreamRows;
import io.devlogs.ops.flink.FlinkRest;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.devlogs.testing.LocalStack;
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
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * A failure drill on the local stack's job under a steady load of events with unique ids into a new
 * project ({@link SteadyLoad}): it waits for a steady state, lets the test cause the fault, times
 * the recovery, and then proves every acknowledged event is exactly once (by id) in ClickHouse
 * {@code events}, Cassandra {@code stream_events} and the parsed topic ({@code read_committed}),
 * that the minute windows count exactly the acknowledged events of each minute, that events re-sent
 * with ids acknowledged before the fault are dropped (the de-duplication memory survived), and that
 * none is a dead letter. It prints the figures of the README's fault table: time until the job ran
 * and committed again and until each store caught up, the highest lag, and loss and doubles per
 * store.
 */
final class FailoverDrill implements AutoCloseable {
  static final String JOB = "devlogs-log-pipeline";
  private static final int RATE = 200; // events/s
  private static final int STREAMS = 4;
  private static final int RESENT_BATCHES = 10;
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(150);
  private static final Duration AFTER_RECOVERY = Duration.ofSeconds(20);
  // The last minute window closes once the watermark passes its end plus the 10 s out-of-orderness.
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(150);

  private final LocalStack stack = LocalStack.fromEnvironment();
  private final Settings settings = stack.settings();
  private final DevlogsHttp http = new DevlogsHttp(stack);
  private final FlinkRest flink = new FlinkRest(stack.flinkRestUrl().toString());
  private final long startNanos = System.nanoTime();
  private final ProjectsDatabase database = ProjectsDatabase.connect(settings);
  private final ProjectStore projects = new ProjectStore(database);
  private final ApiKeyStore keyStore = new ApiKeyStore(database);
  private final StoredCounts counts = new StoredCounts(settings);
  private final StoredIds ids = new StoredIds(settings);
  private final StreamRows streamRows = StreamRows.connect(settings);
  private final String fault;
  private final String project;
  private final String tickKey;
  private final TopicRecords deadLetters;
  private final ParsedTopicIds parsed;
  private final SteadyLoad load;
  private final Map<String, LongSupplier> stores = new LinkedHashMap<>();
  private final LagSampler lag;
  private long faultAt;
  private long runningAt;
  private long committingAt;

  /** Starts the load; {@code fault} names the fault in the printed figures. */
  FailoverDrill(String fault) {
    this.fault = fault;
    project = projects.createProject("system-test-failover-" + shortId()).id();
    tickKey =
        keyStore.issueKey(
            projects.createProject("system-test-ticks-" + shortId()).id(), Scope.INGEST);
    deadLetters = TopicRecords.deadLettersFromNow(settings);
    parsed = new ParsedTopicIds(settings, project);
    load = new SteadyLoad(http, keyStore.issueKey(project, Scope.INGEST), project, RATE, STREAMS);
    stores.put("ClickHouse events", () -> counts.clickHouseEvents(project));
    stores.put("Cassandra stream_events", this::cassandraEvents);
    stores.put("parsed topic", parsed::records);
    lag = new LagSampler(load::acknowledged, stores);
    load.start();
    lag.start();
    progress("project %s: %d events/s with unique ids", project, RATE);
  }

  FlinkRest flink() {
    return flink;
  }

  /**
   * Events Cassandra holds for the project, or -1 while this test's own session cannot reach it:
   * after Cassandra restarts, the test's driver reconnects on its own schedule, which may come
   * after the job's (a clean-clone CI run failed so, with NoNodeAvailableException, while the job
   * had already written everything).
   */
  private long cassandraEvents() {
    try {
      return streamRows.count(project, load.partitions());
    } catch (RuntimeException e) {
      if (unreachable(e)) {
        return -1;
      }
      throw e;
    }
  }

  /**
   * Events per id in Cassandra, read once {@link StoredIds}' own session reaches Cassandra again:
   * it reconnects on its own schedule too (a clean-clone CI run failed with
   * NoNodeAvailableException after the count above had reached every event).
   */
  private Map<String, Long> cassandraIds() {
    return Poll.until(
            DRAIN_TIMEOUT,
            () -> {
              try {
                return Optional.of(ids.cassandra(project, load.partitions()));
              } catch (RuntimeException e) {
                if (unreachable(e)) {
                  return Optional.<Map<String, Long>>empty();
                }
                throw e;
              }
            },
            Optional::isPresent,
            "this test's session to Cassandra reaching it again")
        .orElseThrow();
  }

  /** Whether the driver failed because no Cassandra node could be reached (now). */
  private static boolean unreachable(RuntimeException e) {
    Throwable failure = e instanceof CompletionException ? e.getCause() : e;
    return failure instanceof AllNodesFailedException; // NoNodeAvailableException included
  }

  /** Events {@code store} holds now ("ClickHouse events", "Cassandra stream_events"). */
  long held(String store) {
    return stores.get(store).getAsLong();
  }

  /**
   * Waits until events are committed and two more checkpoints of {@code job} completed (the lag's
   * steady state), and returns the id of its latest completed checkpoint.
   */
  long awaitSteadyState(String job) {
    Poll.until(
        STEP_TIMEOUT,
        () -> counts.clickHouseEvents(project),
        n -> n > 0,
        "the first committed events of " + project);
    long first = flink.latestCompletedCheckpoint(job);
    return Poll.until(
        STEP_TIMEOUT,
        () -> flink.latestCompletedCheckpoint(job),
        id -> id >= first + 2,
        "two more completed checkpoints of " + job);
  }

  /** The fault happens now (call right before causing it). */
  long faultNow() {
    faultAt = System.currentTimeMillis();
    return faultAt;
  }

  /**
   * Polls until the job runs again with all its tasks, then until it committed new events to
   * ClickHouse; returns the running job's id.
   */
  String awaitRecovery() {
    String job =
        Poll.until(
                RECOVERY_TIMEOUT,
                FailoverDrill.this::runningWithAllTasks,
                Optional::isPresent,
                JOB + " to run again with all its tasks")
            .orElseThrow();
    runningAt = System.currentTimeMillis();
    progress("job %s RUNNING %.1f s after the fault", job, seconds(runningAt - faultAt));
    long committed = counts.clickHouseEvents(project);
    Poll.until(
        STEP_TIMEOUT,
        () -> counts.clickHouseEvents(project),
        n -> n > committed,
        "the recovered job to commit events again");
    committingAt = System.currentTimeMillis();
    progress("committing again %.1f s after the fault", seconds(committingAt - faultAt));
    return job;
  }

  /**
   * Re-sends early batches, keeps the load a while longer, stops it, waits until every store holds
   * every acknowledged event, prints the figures and asserts exactly once everywhere.
   */
  void assertEveryAcknowledgedEventOnceEverywhere() throws Exception {
    long resent = load.resendFirst(RESENT_BATCHES);
    long acknowledgedAtRecovery = load.acknowledged();
    Poll.until(
        AFTER_RECOVERY.plus(STEP_TIMEOUT),
        load::acknowledged,
        n -> n >= acknowledgedAtRecovery + AFTER_RECOVERY.toSeconds() * RATE,
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
          http.postNdjson(tickKey, "{\"msg\":\"tick\",\"service\":\"system-test\"}\n");
          return List.of(
              counts.clickHouseEvents(project),
              counts.windowEvents(project),
              cassandraEvents(),
              parsed.records());
        },
        held -> held.stream().allMatch(n -> n >= total),
        total + " events in ClickHouse events and event_windows, Cassandra and the parsed topic");
    lag.close();

    List<Exactness> exactness =
        List.of(
            Exactness.of("ClickHouse events", acknowledged, ids.clickHouse(project)),
            Exactness.of("Cassandra stream_events", acknowledged, cassandraIds()),
            Exactness.of("parsed topic", acknowledged, parsed.counts()));
    SortedMap<Instant, Long> windows = ids.windowEventsPerMinute(project);
    SortedMap<Instant, Long> expectedWindows = load.acknowledgedPerMinute();
    long letters = deadLetters.countOf(project);

    progress("fault: %s", fault);
    progress(
        "  job RUNNING again after %.1f s, committing after %.1f s",
        seconds(runningAt - faultAt), seconds(committingAt - faultAt));
    for (String store : stores.keySet()) {
      long steady = lag.highestLagBefore(store, faultAt);
      String caughtUp =
          lag.caughtUpAt(store, runningAt, steady).stream()
              .mapToObj(at -> String.format("%.1f s", seconds(at - faultAt)))
              .findFirst()
              .orElse(
                  String.format(
                      "not before the load stopped (%.1f s)", seconds(loadStoppedAt - faultAt)));
      progress(
          "  %s: caught up %s after the fault (lag back to its steady-state %d), highest lag %d"
              + " events",
          store, caughtUp, steady, lag.highestLag(store, faultAt));
    }
    exactness.forEach(e -> progress("  %s", e));
    progress(
        "  event_windows FINAL per minute %s, acknowledged %s; dead letters %d",
        windows, expectedWindows, letters);

    assertThat(exactness).allSatisfy(e -> assertThat(e.exact()).as(e.toString()).isTrue());
    assertThat(windows).as("event_windows FINAL, events per minute").isEqualTo(expectedWindows);
    assertThat(letters).as("dead letters of the project").isZero();
  }

  /** The pipeline's job id once it is RUNNING with every task running; empty while it is not. */
  Optional<String> runningWithAllTasks() {
    try {
      return flink.runningJobId(JOB).filter(flink::allTasksRunning);
    } catch (RuntimeException e) {
      return Optional.empty(); // the JobManager is starting, or not the leader yet
    }
  }

  void progress(String format, Object... args) {
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

  @Override
  public void close() throws Exception {
    lag.close();
    load.close();
    parsed.close();
    streamRows.close();
    ids.close();
    counts.close();
  }
}
