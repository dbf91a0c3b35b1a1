package io.devlogs.query;

import static io.devlogs.query.support.QueryApi.enc;
import static io.devlogs.query.support.QueryApi.ids;
import static io.devlogs.query.support.QueryApi.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.query.http.JsonMapping;
import io.devlogs.query.streams.CassandraStreamReader;
import io.devlogs.query.support.ClickHouseRows;
import io.devlogs.query.support.EventRow;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.query.support.QueryApi;
import io.devlogs.query.support.StreamRows;
import io.devlogs.query.support.TestProject;
import io.devlogs.settings.Settings;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The query service against the real local stack: PostgreSQL (keys), ClickHouse (search, read as
 * {@code devlogs_reader}) and Cassandra (streams). Rows of two fresh projects are written directly
 * (ClickHouse as the writer user over HTTP, Cassandra with the driver). Endpoints come from the
 * same DEVLOGS_* environment the service reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class QueryServiceIT {
  private static final String HOSTILE = "' OR 1=1 --";

  private final LocalStack stack;
  private final Settings settings;
  private final QueryOptions options;
  // Whole seconds, so the ClickHouse rows' second + nanos parts are known exactly.
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private ProjectsDatabase database;
  private ApiKeyStore keyStore;
  private StreamRows streamRows;
  private TestProject projectA;
  private TestProject projectB;
  private String keyA;
  private String keyB;
  private final Map<String, Instant> timesA = new LinkedHashMap<>();

  QueryServiceIT(LocalStack stack) {
    this.stack = stack;
    this.settings = stack.settings();
    this.options = QueryOptions.from(settings);
  }

  @BeforeAll
  void seed() throws Exception {
    database = ProjectsDatabase.connect(settings);
    keyStore = new ApiKeyStore(database);
    projectA = TestProject.create(database, stack.uniqueName("it-query-a"));
    projectB = TestProject.create(database, stack.uniqueName("it-query-b"));
    keyA = projectA.queryKey();
    keyB = projectB.queryKey();

    List<EventRow> rows = new ArrayList<>();
    rows.add(
        row(
            projectA,
            "a-1",
            now.minusSeconds(300).plusNanos(123_456_789),
            "ERROR",
            "api",
            "Payment FAILED for order 17",
            Map.of("order", "17", "http.status", "500")));
    rows.add(row(projectA, "a-2", now.minusSeconds(240), "INFO", "api", "request ok", Map.of()));
    // A replay of a-2: the same row again must be listed once.
    rows.add(row(projectA, "a-2", now.minusSeconds(240), "INFO", "api", "request ok", Map.of()));
    rows.add(
        row(
            projectA,
            "a-3",
            now.minusSeconds(180),
            "WARN",
            "worker",
            "disk almost full",
            Map.of()));
    rows.add(
        row(
            projectA,
            "a-4",
            now.minusSeconds(120),
            "DEBUG",
            "api",
            "quoted input " + HOSTILE + " kept as text",
            Map.of()));
    rows.add(
        row(
            projectA,
            "a-old",
            now.minus(Duration.ofHours(3)),
            "INFO",
            "api",
            "old event",
            Map.of()));
    rows.add(
        row(
            projectB,
            "b-1",
            now.minusSeconds(200),
            "ERROR",
            "api",
            "Payment failed in project B",
            Map.of()));
    rows.add(row(projectB, "b-2", now.minusSeconds(100), "INFO", "worker", "b is busy", Map.of()));
    new ClickHouseRows(settings).insert(rows);

    streamRows = new StreamRows(options);
    Instant dayBefore = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
    insertStream(
        projectA,
        "run-42",
        "s-1",
        dayBefore.plusSeconds(86_399),
        "INFO",
        "step 1 (late on day one)");
    insertStream(
        projectA,
        "run-42",
        "s-2",
        dayBefore.plus(Duration.ofDays(1)).plusMillis(250),
        "ERROR",
        "step 2 (early on day two)");
    insertStream(
        projectA,
        "run-42",
        "s-3",
        dayBefore.plus(Duration.ofDays(1)).plusSeconds(60),
        "INFO",
        "step 3");
    insertStream(projectA, "run-42", "s-now", now.minusSeconds(30), "INFO", "recent");
    insertStream(projectA, HOSTILE, "h-1", now.minusSeconds(20), "WARN", "hostile name");
    insertStream(projectB, "run-42", "sb-1", now.minusSeconds(40), "INFO", "B's run-42");
  }

  @AfterAll
  void close() {
    if (streamRows != null) {
      streamRows.close();
    }
  }

  private io.javalin.Javalin app() {
    return LocalQueryApp.create(
        settings,
        keyStore,
        new CassandraStreamReader(streamRows.session()),
        options.clickhouseLimits());
  }

  @Test
  void searchFiltersAndOrdersAProjectsEvents() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          assertThat(ids(get(client, "/v1/logs", keyA)))
              .as("default last hour, newest first, replay counted once, no other project")
              .containsExactly("a-4", "a-3", "a-2", "a-1");
          assertThat(ids(get(client, "/v1/logs?level=error", keyA))).containsExactly("a-1");
          assertThat(ids(get(client, "/v1/logs?level=WARN&level=ERROR", keyA)))
              .containsExactly("a-3", "a-1");
          assertThat(ids(get(client, "/v1/logs?service=worker", keyA))).containsExactly("a-3");
          assertThat(ids(get(client, "/v1/logs?limit=2", keyA))).containsExactly("a-4", "a-3");
          assertThat(
                  ids(
                      get(
                          client,
                          "/v1/logs?"
                              + range(now.minus(Duration.ofHours(4)), now.minusSeconds(250)),
                          keyA)))
              .containsExactly("a-1", "a-old");

          JsonNode events = get(client, "/v1/logs?q=" + enc("payment failed"), keyA);
          assertThat(ids(events)).containsExactly("a-1");
          JsonNode event = events.get(0);
          assertThat(event.path("timestamp").asText())
              .isEqualTo(JsonMapping.timestamp(now.minusSeconds(300).plusNanos(123_456_789)))
              .endsWith(".123456789Z");
          assertThat(event.path("level").asText()).isEqualTo("ERROR");
          assertThat(event.path("service").asText()).isEqualTo("api");
          assertThat(event.path("stream").asText()).isEqualTo("default");
          assertThat(event.path("message").asText()).isEqualTo("Payment FAILED for order 17");
          assertThat(event.path("attributes").path("order").asText()).isEqualTo("17");
          assertThat(event.path("attributes").path("http.status").asText()).isEqualTo("500");
        });
  }

  @Test
  void aKeyNeverSeesAnotherProjectsRows() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          assertThat(ids(get(client, "/v1/logs", keyB))).containsExactly("b-2", "b-1");
          assertThat(ids(get(client, "/v1/logs?q=payment", keyB))).containsExactly("b-1");
          assertThat(
                  new QueryApi(client, keyB)
                      .get("/v1/logs?q=payment&project=" + projectA.id())
                      .status())
              .as("a project parameter is refused, never used")
              .isEqualTo(400);
          assertThat(ids(streamEvents(client, "run-42", "", keyB))).containsExactly("sb-1");
          assertThat(ids(streamEvents(client, "run-42", "", keyA))).containsExactly("s-now");

          assertThat(new QueryApi(client, projectA.ingestKey()).get("/v1/logs").status())
              .isEqualTo(403);
        });
  }

  @Test
  void sqlLookingInputIsJustText() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          assertThat(ids(get(client, "/v1/logs?q=" + enc(HOSTILE), keyA))).containsExactly("a-4");
          assertThat(ids(get(client, "/v1/logs?service=" + enc(HOSTILE), keyA))).isEmpty();
          assertThat(ids(get(client, "/v1/logs?q=" + enc("x') OR 1=1 OR ('"), keyA))).isEmpty();
          assertThat(ids(streamEvents(client, HOSTILE, "", keyA))).containsExactly("h-1");
          assertThat(ids(streamEvents(client, HOSTILE, "", keyB))).isEmpty();
          assertThat(new QueryApi(client, keyA).get("/v1/logs?level=" + enc(HOSTILE)).status())
              .isEqualTo(400);
        });
  }

  @Test
  void streamReadsDayPartitionsInTimeOrder() {
    Instant dayBefore = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
    String range = range(dayBefore, dayBefore.plus(Duration.ofDays(2)));
    JavalinTest.test(
        app(),
        (server, client) -> {
          JsonNode events = streamEvents(client, "run-42", range, keyA);
          assertThat(ids(events)).containsExactly("s-1", "s-2", "s-3");
          assertThat(events.get(1).path("timestamp").asText())
              .isEqualTo(JsonMapping.timestamp(dayBefore.plus(Duration.ofDays(1)).plusMillis(250)));
          assertThat(events.get(1).path("level").asText()).isEqualTo("ERROR");
          assertThat(events.get(1).path("stream").asText()).isEqualTo("run-42");
          assertThat(events.get(1).path("attributes").path("step").asText()).isEqualTo("s-2");
          assertThat(ids(streamEvents(client, "run-42", range + "&limit=2", keyA)))
              .containsExactly("s-1", "s-2");
        });
  }

  // --- helpers -------------------------------------------------------------------------------

  /** The events of a search that must answer 200. */
  private static JsonNode get(HttpClient client, String path, String key) {
    return new QueryApi(client, key).ok(path).path("events");
  }

  /** The events of a stream read that must answer 200 and name the stream. */
  private static JsonNode streamEvents(HttpClient client, String name, String query, String key) {
    JsonNode json =
        new QueryApi(client, key)
            .ok("/v1/streams/" + enc(name) + (query.isEmpty() ? "" : "?" + query));
    assertThat(json.path("stream").asText()).isEqualTo(name);
    return json.path("events");
  }

  private static EventRow row(
      TestProject project,
      String id,
      Instant ts,
      String level,
      String service,
      String message,
      Map<String, String> attributes) {
    return new EventRow(project.id(), id, ts, level, service, "default", message, attributes);
  }

  private void insertStream(
      TestProject project, String stream, String id, Instant ts, String level, String message) {
    streamRows.insert(project.id(), stream, id, ts, level, "runner", message, Map.of("step", id));
  }
}
