package io.devlogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.deadletters.DeadLetterCause;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Accounting by property-based fuzzing, through the running pipeline: hostile bodies ({@link
 * HostileBodies}) go to ingest of the local stack for one fresh project; ingest answers each with a
 * status below 500. Afterwards every accepted event is in ClickHouse, in Cassandra and in the
 * parsed topic, or in the dead letters, exactly once: for each store, stored + dead letters =
 * accepted, no event id twice, and the job did not restart. (Events too late for their minute
 * window are dead letters that are stored too; they are not counted as dead letters here.)
 */
class PipelineFuzzIT {

  private static final LocalStack STACK = LocalStack.fromEnvironment();
  private static final Settings SETTINGS = STACK.settings();
  private static final DevlogsHttp HTTP = new DevlogsHttp(STACK);
  private static final FlinkRest FLINK = new FlinkRest(STACK.flinkRestUrl().toString());
  private static final Duration SETTLE = Duration.ofSeconds(180);

  private static String project;
  private static String ingestKey;
  private static String jobId;
  private static long restartsBefore;
  private static TopicRecords deadLetters;
  private static TopicRecords parsed;
  private static final AtomicLong tried = new AtomicLong();
  private static final AtomicLong accepted = new AtomicLong();
  private static final Map<Integer, Long> statuses = new TreeMap<>();

  @BeforeContainer
  static void createProject() {
    ProjectsDatabase database = ProjectsDatabase.connect(SETTINGS);
    Project p = new ProjectStore(database).createProject(STACK.uniqueName("fuzz"));
    project = p.id();
    ingestKey = new ApiKeyStore(database).issueKey(project, Scope.INGEST);
    jobId =
        FLINK
            .runningJobId("devlogs-log-pipeline")
            .orElseThrow(() -> new AssertionError("the pipeline job is not running"));
    restartsBefore = FLINK.restarts(jobId);
    deadLetters = TopicRecords.deadLettersFromNow(SETTINGS);
    parsed = TopicRecords.parsedFromNow(SETTINGS);
  }

  @Property(tries = 300, shrinking = ShrinkingMode.OFF)
  void ingestAnswersEveryBodyWithoutA5xx(@ForAll("bodies") HostileBodies.Body body) {
    DevlogsHttp.Reply reply = HTTP.post(ingestKey, body.contentType(), body.gzip(), body.toSend());
    synchronized (statuses) {
      statuses.merge(reply.status(), 1L, Long::sum);
    }
    tried.incrementAndGet();
    assertThat(reply.status()).as("status for %s: %s", body, reply.body()).isLessThan(500);
    if (reply.status() != 200) {
      assertThat(reply.body()).as("JSON error body for %s", body).isNotNull();
      assertThat(reply.body().has("error")).as("error field in %s", reply.body()).isTrue();
    }
    if (reply.body() != null && reply.body().has("accepted")) {
      accepted.addAndGet(reply.body().get("accepted").asLong());
    }
  }

  @Provide
  Arbitrary<HostileBodies.Body> bodies() {
    return HostileBodies.bodies();
  }

  @AfterContainer
  static void everyAcceptedEventIsStoredOrADeadLetterOnce() {
    long expected = accepted.get();
    try (StoredCounts stored = new StoredCounts(SETTINGS)) {
      Poll.latest(
          SETTLE,
          () ->
              stored.clickHouseEvents(project)
                  + deadLetters.countOf(project, DeadLetterCause.TOO_LATE),
          n -> n == expected);
      long letters = deadLetters.countOf(project, DeadLetterCause.TOO_LATE);
      long clickHouse = stored.clickHouseEvents(project);
      long cassandra =
          Poll.latest(SETTLE, () -> stored.cassandraRows(project), n -> n + letters == expected);
      long parsedEvents =
          Poll.latest(SETTLE, () -> parsed.countOf(project), n -> n + letters == expected);
      long distinct = stored.clickHouseDistinctIds(project);
      long restarts = FLINK.restarts(jobId) - restartsBefore;
      System.out.printf(
          "PipelineFuzzIT: %d bodies tried (statuses %s), %d events accepted; ClickHouse %d,"
              + " Cassandra %d, parsed topic %d, dead letters %d (project %s); restarts %d%n",
          tried.get(),
          statuses,
          expected,
          clickHouse,
          cassandra,
          parsedEvents,
          letters,
          project,
          restarts);
      assertThat(clickHouse + letters).as("ClickHouse + dead letters").isEqualTo(expected);
      assertThat(distinct).as("distinct event ids in ClickHouse").isEqualTo(clickHouse);
      assertThat(cassandra + letters).as("Cassandra + dead letters").isEqualTo(expected);
      assertThat(parsedEvents + letters).as("parsed topic + dead letters").isEqualTo(expected);
      assertThat(restarts).as("job restarts while fuzzing").isZero();
    }
  }
}
