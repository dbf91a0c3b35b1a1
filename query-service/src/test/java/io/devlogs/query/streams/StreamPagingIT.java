package io.devlogs.query.streams;

import static io.devlogs.query.support.QueryApi.enc;
import static io.devlogs.query.support.QueryApi.ids;
import static io.devlogs.query.support.QueryApi.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.query.QueryOptions;
import io.devlogs.query.QueryServer;
import io.devlogs.query.support.QueryApi;
import io.devlogs.query.support.StreamRows;
import io.devlogs.query.support.TestDeps;
import io.devlogs.query.support.TestProject;
import io.devlogs.settings.Settings;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.javalin.testtools.JavalinTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stream paging against the real Cassandra: a stream of three pages across a day boundary, read
 * page by page while events are appended, comes out whole, in order, without duplicates; another
 * project's stream of the same name is invisible, and a cursor works only for its own project.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class StreamPagingIT {
  private final LocalStack stack;
  private final Settings settings;
  private final QueryOptions options;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String stream = "paged-" + run;

  /** Midnight between the two day partitions of the stream, a few days back. */
  private final Instant midnight =
      Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));

  private final Instant from = midnight.minus(Duration.ofHours(1));
  private final Instant to = midnight.plus(Duration.ofHours(1));

  private ProjectsDatabase database;
  private ApiKeyStore keyStore;
  private StreamRows streamRows;
  private TestProject projectA;
  private TestProject projectB;

  /** (ts, id) of every row of A's stream, as the API must return them. */
  private final List<Row> rowsOfA = new ArrayList<>();

  private record Row(Instant ts, String id) {}

  StreamPagingIT(LocalStack stack) {
    this.stack = stack;
    this.settings = stack.settings();
    this.options = QueryOptions.from(settings);
  }

  @BeforeAll
  void seed() {
    database = ProjectsDatabase.connect(settings);
    keyStore = new ApiKeyStore(database);
    projectA = TestProject.create(database, stack.uniqueName("it-streams-a"));
    projectB = TestProject.create(database, stack.uniqueName("it-streams-b"));
    streamRows = new StreamRows(options);
    // 24 events, 12 each side of midnight; pairs share a millisecond, so the event id decides.
    for (int i = 0; i < 24; i++) {
      Instant ts = midnight.plusSeconds((i / 2) - 6);
      insert(projectA, ts, "a-" + (char) ('a' + i % 2) + "-" + String.format("%02d", i));
    }
    insert(projectA, to, "a-at-to-excluded");
    insert(projectA, from.minusMillis(1), "a-before-from-excluded");
    rowsOfA.removeIf(r -> r.id().endsWith("excluded"));
    insert(projectB, midnight, "b-1");
  }

  @AfterAll
  void close() {
    if (streamRows != null) {
      streamRows.close();
    }
  }

  private void insert(TestProject project, Instant ts, String id) {
    streamRows.insert(project.id(), stream, id, ts, "INFO", "runner", "event " + id, Map.of());
    if (project == projectA) {
      rowsOfA.add(new Row(ts, id));
    }
  }

  private io.javalin.Javalin app() {
    return QueryServer.createApp(
        TestDeps.withProjectKeys(keyStore)
            .withStreams(new CassandraStreamReader(streamRows.session())));
  }

  @Test
  void pagesCoverTheStreamOnceInOrderWhileEventsAreAppended() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          QueryApi api = new QueryApi(client, projectA.queryKey());
          List<String> seen = new ArrayList<>();
          JsonNode page = api.ok(path(range(from, to) + "&limit=10"));
          int pages = 1;
          seen.addAll(ids(page.path("events")));
          while (!page.path("nextCursor").isNull()) {
            if (pages == 1) {
              // Appended after the first page: later than its last event, inside the range.
              insert(projectA, midnight.plusSeconds(30), "a-appended-1");
              insert(projectA, midnight.plusSeconds(5), "a-appended-0");
            }
            String cursor = page.path("nextCursor").asText();
            page = api.ok(path("limit=10&cursor=" + enc(cursor)));
            pages++;
            seen.addAll(ids(page.path("events")));
          }
          List<String> expected =
              rowsOfA.stream()
                  .sorted(Comparator.comparing(Row::ts).thenComparing(Row::id))
                  .map(Row::id)
                  .toList();
          assertThat(seen).as("no duplicates, no gaps, oldest first").isEqualTo(expected);
          assertThat(seen).hasSize(26);
          assertThat(pages).isEqualTo(3);
          assertThat(page.path("events").size()).isEqualTo(6);
        });
  }

  @Test
  void anotherProjectsStreamOfTheSameNameIsInvisibleAndCursorsStayWithTheirProject() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          QueryApi apiA = new QueryApi(client, projectA.queryKey());
          QueryApi apiB = new QueryApi(client, projectB.queryKey());
          String range = range(from, to);
          JsonNode ofB = apiB.ok(path(range));
          assertThat(ofB.path("events")).hasSize(1);
          assertThat(ofB.path("events").get(0).path("id").asText()).isEqualTo("b-1");
          assertThat(ofB.path("nextCursor").isNull()).isTrue();

          String cursorOfA = apiA.ok(path(range + "&limit=2")).path("nextCursor").asText();
          JsonNode refused = apiB.expect(400, path("cursor=" + enc(cursorOfA)));
          assertThat(refused.path("error").asText()).isEqualTo("invalid_parameter");
          assertThat(refused.path("message").asText()).startsWith("parameter 'cursor'");
          assertThat(
                  apiA.expect(400, path("cursor=" + enc(cursorOfA + "x"))).path("message").asText())
              .startsWith("parameter 'cursor'");
          assertThat(apiB.expect(400, path("project=" + projectA.id())).path("message").asText())
              .startsWith("parameter 'project'");
        });
  }

  /** The path of this test's stream with a query string. */
  private String path(String query) {
    return "/v1/streams/" + enc(stream) + "?" + query;
  }
}
