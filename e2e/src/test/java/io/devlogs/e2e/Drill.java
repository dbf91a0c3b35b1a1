package io.devlogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.generator.GeneratorOptions;
import io.devlogs.generator.LogGenerator;
import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.devlogs.testing.Poll;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One fault drill on the local stack: the generator posts realistic logs of a fresh project through
 * ingest (retrying 503s) while a test breaks something; afterwards every event ingest acknowledged
 * must be in ClickHouse {@code events} once (no FINAL), in Cassandra once, in the minute windows
 * once, and none a dead letter. It measures the highest lag (accepted but not yet in both stores)
 * and prints progress lines a reader can follow.
 */
final class Drill implements AutoCloseable {
  static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);
  // The last minute window closes once the watermark passes its end plus the 10 s out-of-orderness.
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(180);

  private static final Settings SETTINGS = Settings.fromEnvironment(new String[0]);
  static final DevlogsHttp HTTP =
      new DevlogsHttp(
          SETTINGS.get("ingest.url", "http://127.0.0.1:18080"),
          SETTINGS.get("query.url", "http://127.0.0.1:18090"));
  static final FlinkRest FLINK =
      new FlinkRest(SETTINGS.get("flink.rest-url", "http://127.0.0.1:18081"));

  private final StoredCounts stored = new StoredCounts(SETTINGS);
  private final ExecutorService generatorThread = Executors.newSingleThreadExecutor();
  private final long startNanos = System.nanoTime();
  private final String name;
  private final String project;
  private final String tickKey;
  private final LogGenerator generator;
  private final Future<LogGenerator.Totals> generated;
  private final TopicRecords deadLetters = TopicRecords.deadLettersFromNow(SETTINGS);
  private long highestLag;

  /** The measured outcome of a drill, for the README's fault table. */
  record Outcome(long accepted, long caughtUpMillis, long highestLag) {}

  Drill(String name, double rate) {
    this.name = name;
    try (ProjectStore projects = ProjectStore.connect(SETTINGS)) {
      Project p = projects.createProject("drill-" + name + "-" + shortId());
      project = p.id();
      tickKey =
          projects.issueKey(projects.createProject("drill-ticks-" + shortId()).id(), Scope.INGEST);
      generator =
          new LogGenerator(
              new GeneratorOptions(
                  URI.create(SETTINGS.get("ingest.url", "http://127.0.0.1:18080")),
                  projects.issueKey(project, Scope.INGEST),
                  rate,
                  Optional.empty(),
                  50,
                  project.hashCode()));
    }
    generated = generatorThread.submit(generator::run);
    progress("project %s: generator started, %.0f events/s", project, rate);
  }

  String project() {
    return project;
  }

  long accepted() {
    return generator.accepted();
  }

  long clickHouseEvents() {
    return stored.clickHouseEvents(project);
  }

  long cassandraRows() {
    return stored.cassandraRows(project);
  }

  /** Waits until a checkpoint committed some of this drill's events, so the fault meets state. */
  void awaitFirstCommit() {
    long committed =
        Poll.until(
            STEP_TIMEOUT, this::clickHouseEvents, count -> count > 0, "the first committed events");
    progress("%d events committed to ClickHouse, %d accepted", committed, accepted());
  }

  /** Waits until {@code probe} (a store's count) grows past {@code from}: that store goes on. */
  void awaitGrowth(String store, Poll.Probe<Long> probe, long from) {
    long now =
        Poll.until(STEP_TIMEOUT, probe, count -> count > from, store + " to keep receiving events");
    progress("%s went on: %d -> %d events", store, from, now);
  }

  /**
   * Waits until both stores hold every event accepted before this call, noting the highest lag
   * seen; returns how long that took.
   */
  long awaitCaughtUp() {
    long target = accepted();
    long start = System.nanoTime();
    Poll.until(
        STEP_TIMEOUT,
        () -> {
          long behind = accepted() - Math.min(clickHouseEvents(), cassandraRows());
          highestLag = Math.max(highestLag, behind);
          return Math.min(clickHouseEvents(), cassandraRows());
        },
        count -> count >= target,
        "both stores to hold the " + target + " events accepted so far");
    long millis = (System.nanoTime() - start) / 1_000_000;
    progress("both stores caught up in %d ms (highest lag %d events)", millis, highestLag);
    return millis;
  }

  /** Notes the current lag (accepted, not yet in both stores). */
  void sampleLag() {
    highestLag = Math.max(highestLag, accepted() - Math.min(clickHouseEvents(), cassandraRows()));
  }

  /** Lets the generator run a little longer, stops it, and asserts every event stored once. */
  Outcome finish(long caughtUpMillis) throws Exception {
    long now = accepted();
    Poll.until(
        STEP_TIMEOUT,
        generator::accepted,
        accepted -> accepted >= now + 500,
        "more events accepted after the recovery");
    generator.stop();
    LogGenerator.Totals totals = generated.get(60, TimeUnit.SECONDS);
    progress("generator stopped: %s", totals);
    assertThat(totals.dropped()).as("events ingest rejected").isZero();
    long accepted = totals.accepted();
    // The windows of the last minute close only when the watermark of every Kafka partition
    // passes them, and only newer records move it: a tick from another project every poll moves
    // its partition's along with the clock; the project's own partition, once the load
    // stopped, moves with other projects' records or is left out after windows.idleness (1 min).
    Poll.until(
        DRAIN_TIMEOUT,
        () -> {
          HTTP.postNdjson(tickKey, "{\"msg\":\"tick\",\"service\":\"system-test\"}\n");
          return Math.min(clickHouseEvents(), stored.windowEvents(project));
        },
        drained -> drained >= accepted,
        accepted + " events in ClickHouse events and event_windows");
    long clickHouse = clickHouseEvents();
    long windows = stored.windowEvents(project);
    long cassandra = cassandraRows();
    long letters = deadLetters.countOf(project);
    progress(
        "%s: accepted %d; ClickHouse events %d, event_windows %d, Cassandra %d, dead letters %d",
        name, accepted, clickHouse, windows, cassandra, letters);
    assertThat(clickHouse).as("ClickHouse events, no FINAL").isEqualTo(accepted);
    assertThat(stored.clickHouseDistinctIds(project)).as("distinct ids").isEqualTo(accepted);
    assertThat(cassandra).as("Cassandra stream_events").isEqualTo(accepted);
    assertThat(windows).as("sum of event_windows FINAL").isEqualTo(accepted);
    assertThat(letters).as("dead letters of the project").isZero();
    Outcome outcome = new Outcome(accepted, caughtUpMillis, highestLag);
    System.out.printf("[fault-table] %s | %s%n", name, outcome);
    return outcome;
  }

  void progress(String format, Object... args) {
    System.out.printf(
        "[drill %s %5.1fs] %s%n",
        name, (System.nanoTime() - startNanos) / 1e9, String.format(format, args));
  }

  @Override
  public void close() {
    generator.stop();
    generatorThread.shutdownNow();
    stored.close();
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
