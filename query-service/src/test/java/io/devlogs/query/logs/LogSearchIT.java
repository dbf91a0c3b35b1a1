package io.devlogs.query.logs;

import static io.devlogs.query.support.QueryApi.enc;
import static io.devlogs.query.support.QueryApi.ids;
import static io.devlogs.query.support.QueryApi.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.query.QueryOptions;
import io.devlogs.query.clickhouse.ClickHouseLimits;
import io.devlogs.query.filters.SearchFilters;
import io.devlogs.query.http.JsonMapping;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.support.ClickHouseRows;
import io.devlogs.query.support.EventRow;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.query.support.QueryApi;
import io.devlogs.query.support.TestProject;
import io.devlogs.query.support.TestProjects;
import io.devlogs.settings.Settings;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Search, histogram, facets and event-by-id against the real ClickHouse and PostgreSQL of the local
 * stack. Rows of fresh projects are written straight into {@code devlogs.events}; the expected
 * answers come from the same rows filtered in memory by {@link SearchFilters#matches}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class LogSearchIT {
  private static final String[] LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
  private static final String[] SERVICES = {"api", "web", "worker"};
  private static final Comparator<LogEvent> NEWEST_FIRST =
      Comparator.comparing(LogEvent::timestamp).thenComparing(LogEvent::id).reversed();

  private final LocalStack stack;
  private final Settings settings;
  // Minutes in the past, so "to" of explicit ranges is never in the future.
  private final Instant start =
      Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(50));
  private final String range = range(start.minusSeconds(60), start.plus(Duration.ofMinutes(30)));

  private final TestProjects projects;
  private ClickHouseRows clickHouse;
  private TestProject a;
  private TestProject b;
  private final List<LogEvent> eventsOfA = new ArrayList<>();
  private final Map<String, LogEvent> eventsOfB = new LinkedHashMap<>();

  LogSearchIT(LocalStack stack) {
    this.stack = stack;
    this.settings = stack.settings();
    this.projects = new TestProjects(stack);
  }

  @BeforeAll
  void seed() {
    clickHouse = new ClickHouseRows(settings);
    a = projects.create("it-search-a");
    b = projects.create("it-search-b");
    List<EventRow> rows = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      // Pairs share their exact time: the id breaks the tie.
      Instant ts = start.plusSeconds((i / 2) * 7L).plusNanos((i / 2) % 5 * 123_456L);
      String message =
          i % 10 == 0 ? "Payment FAILED for order " + i : "request " + i + " ok, took " + i + "ms";
      rows.add(
          new EventRow(
              a.id(),
              String.format("a-%03d", i),
              ts,
              LEVELS[i % 6],
              SERVICES[i % 3],
              "run-" + (i % 4),
              message,
              Map.of("http.status", i % 10 == 0 ? "500" : "200", "user", "u" + (i % 7))));
    }
    rows.forEach(row -> eventsOfA.add(row.toEvent()));
    eventsOfA.sort(NEWEST_FIRST);
    // Project B reuses A's ids, times, services and attribute keys: only the project differs.
    for (int i = 0; i < 20; i++) {
      EventRow row = rows.get(i);
      EventRow twin =
          new EventRow(
              b.id(),
              row.id(),
              row.timestamp(),
              "ERROR",
              "api",
              row.stream(),
              "Payment FAILED in B " + i,
              Map.of("http.status", "500", "user", "u" + (i % 7)));
      rows.add(twin);
      eventsOfB.put(twin.id(), twin.toEvent());
    }
    clickHouse.insert(rows);
    // A replay of one of A's rows in another part: listed once, and the page boundaries hold.
    clickHouse.insert(List.of(rows.get(10)));
  }

  private void withApi(TestProject project, Consumer<QueryApi> test) {
    withApi(LocalQueryApp.create(settings, projects.keyStore()), project, test);
  }

  private static void withApi(Javalin app, TestProject project, Consumer<QueryApi> test) {
    JavalinTest.test(
        app, (server, client) -> test.accept(new QueryApi(client, project.queryKey())));
  }

  private List<LogEvent> expected(String filterQuery) {
    SearchFilters filters = SearchFilters.parse(new RequestParams(queryMap(filterQuery)));
    return eventsOfA.stream().filter(filters::matches).toList();
  }

  /** Every page of a search; fails on a repeated id. */
  private static List<String> allPages(QueryApi api, String query, int limit) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 1000; page++) {
      JsonNode body =
          api.ok(
              "/v1/logs?"
                  + query
                  + "&limit="
                  + limit
                  + (cursor == null ? "" : "&cursor=" + enc(cursor)));
      ids.addAll(QueryApi.ids(body.path("events")));
      if (body.path("nextCursor").isNull()) {
        assertThat(ids).doesNotHaveDuplicates();
        return ids;
      }
      cursor = body.path("nextCursor").asText();
    }
    throw new AssertionError("more than 1000 pages");
  }

  @Test
  void everyFilterCombinationPagesThroughExactlyTheMatchingEventsNewestFirst() {
    List<String> filterQueries =
        List.of(
            "",
            "level=error,warn",
            "level=ERROR&level=fatal",
            "service=api,worker",
            "stream=run-1",
            "q=" + enc("payment failed"),
            "q=" + enc("\"FAILED for order 1\""),
            "q=" + enc("took 1"),
            "attr.http.status=500",
            "attr.http.status=500&attr.user=u3",
            "level=info&service=web&q=request&attr.user=u1",
            "attr.user=" + enc("u3 "),
            "attr.missing=",
            "q=nomatch");
    withApi(
        a,
        api -> {
          for (String filters : filterQueries) {
            List<String> expectedIds = expected(filters).stream().map(LogEvent::id).toList();
            assertThat(allPages(api, join(range, filters), 13))
                .as("filters %s", filters)
                .containsExactlyElementsOf(expectedIds);
          }
          assertThat(expected("level=error,warn")).hasSize(80);
          assertThat(expected("q=" + enc("payment failed"))).hasSize(24);
        });
  }

  @Test
  void eventsCarryEveryFieldExactly() {
    withApi(
        a,
        api -> {
          JsonNode events = api.ok("/v1/logs?" + range + "&limit=1000").path("events");
          assertThat(events).hasSize(240);
          for (int i = 0; i < events.size(); i++) {
            JsonNode json = events.get(i);
            LogEvent event = eventsOfA.get(i);
            assertThat(json.path("id").asText()).isEqualTo(event.id());
            assertThat(json.path("timestamp").asText())
                .isEqualTo(JsonMapping.timestamp(event.timestamp()));
            assertThat(json.path("level").asText()).isEqualTo(event.level());
            assertThat(json.path("service").asText()).isEqualTo(event.service());
            assertThat(json.path("stream").asText()).isEqualTo(event.stream());
            assertThat(json.path("message").asText()).isEqualTo(event.message());
            assertThat(json.path("attributes").path("user").asText())
                .isEqualTo(event.attributes().get("user"));
          }
        });
  }

  @Test
  void histogramCountsEqualTheMatchingRowsPerBucket() {
    for (String filters : List.of("", "q=payment", "service=web&level=error,fatal,info")) {
      List<LogEvent> matches = expected(filters);
      withApi(
          a,
          api -> {
            JsonNode body =
                api.ok(
                    "/v1/logs/histogram?"
                        + range(start, start.plus(Duration.ofMinutes(30)))
                        + join("&buckets=30", filters));
            assertThat(body.path("intervalSeconds").asLong()).isEqualTo(60);
            JsonNode buckets = body.path("buckets");
            assertThat(buckets).hasSize(30);
            for (int i = 0; i < 30; i++) {
              Instant bucketStart = start.plus(Duration.ofMinutes(i));
              List<LogEvent> inBucket =
                  matches.stream()
                      .filter(
                          e ->
                              !e.timestamp().isBefore(bucketStart)
                                  && e.timestamp().isBefore(bucketStart.plusSeconds(60)))
                      .toList();
              JsonNode bucket = buckets.get(i);
              assertThat(bucket.path("start").asText())
                  .isEqualTo(JsonMapping.timestamp(bucketStart));
              // The replayed row a-010 (minute 0) counts twice until ClickHouse merges its two
              // parts (counts read no FINAL), and once after: a loaded CI merged them first.
              long replays = replaysIn(inBucket);
              assertThat(bucket.path("count").asLong())
                  .as("bucket %s, filters %s", i, filters)
                  .isBetween((long) inBucket.size(), inBucket.size() + replays);
              long errors =
                  inBucket.stream()
                      .filter(e -> e.level().equals("ERROR") || e.level().equals("FATAL"))
                      .count();
              long errorReplays =
                  inBucket.stream()
                      .filter(e -> e.id().equals("a-010") && e.level().equals("ERROR"))
                      .count();
              assertThat(bucket.path("errors").asLong()).isBetween(errors, errors + errorReplays);
            }
          });
    }
  }

  private static long replaysIn(List<LogEvent> events) {
    return events.stream().filter(e -> e.id().equals("a-010")).count();
  }

  @Test
  void facetsCountEachDimensionIgnoringOnlyItsOwnFilter() {
    String filters = "level=error,warn&service=api,web";
    withApi(
        a,
        api -> {
          JsonNode body = api.ok("/v1/logs/facets?" + join(range, filters));
          String withoutLevel = "service=api,web";
          String withoutService = "level=error,warn";
          // The replayed a-010 counts twice until ClickHouse merges its parts, once after.
          assertThat(facet(body.path("levels")))
              .isIn(
                  counts(expected(withoutLevel), LogEvent::level),
                  withReplay(withoutLevel, LogEvent::level))
              .hasSize(4);
          assertThat(facet(body.path("services")))
              .isIn(
                  counts(expected(withoutService), LogEvent::service),
                  withReplay(withoutService, LogEvent::service))
              .hasSize(2);
          assertThat(body.path("levels").get(0).path("count").asLong())
              .as("sorted by count, descending")
              .isGreaterThanOrEqualTo(body.path("levels").get(1).path("count").asLong());
        });
  }

  /** Counts per key of the matches, plus the replayed a-010 that counts read twice unmerged. */
  private Map<String, Long> withReplay(String filters, Function<LogEvent, String> key) {
    Map<String, Long> out = new TreeMap<>(counts(expected(filters), key));
    expected(filters).stream()
        .filter(e -> e.id().equals("a-010"))
        .forEach(e -> out.merge(key.apply(e), 1L, Long::sum));
    return out;
  }

  private static Map<String, Long> counts(List<LogEvent> events, Function<LogEvent, String> key) {
    return new TreeMap<>(
        events.stream().collect(Collectors.groupingBy(key, Collectors.counting())));
  }

  private static Map<String, Long> facet(JsonNode values) {
    Map<String, Long> out = new TreeMap<>();
    values.forEach(v -> out.put(v.path("value").asText(), v.path("count").asLong()));
    return out;
  }

  @Test
  void pagingWhileNewRowsArriveNeverRepeatsOrSkips() {
    TestProject project = projects.create("it-search-paging");
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));
    List<EventRow> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(pagingRow(project, "p-" + (1000 + i), base.plusSeconds(i * 10L)));
    }
    clickHouse.insert(rows);
    withApi(
        project,
        api -> {
          // Default range: the last hour up to now; later pages keep the first page's range.
          JsonNode first = api.ok("/v1/logs?limit=30");
          List<String> seen = new ArrayList<>();
          seen.addAll(ids(first.path("events")));
          assertThat(seen).first().isEqualTo("p-1099");

          List<EventRow> arrivals = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            // Newer than anything: belongs before page one, so never shows up later.
            arrivals.add(pagingRow(project, "new-" + i, Instant.now().minusSeconds(5)));
          }
          for (int i = 0; i < 5; i++) {
            // Late arrivals inside the unread part of the range: they must appear.
            arrivals.add(pagingRow(project, "late-" + i, base.plusSeconds(i * 10L + 3)));
          }
          arrivals.add(rows.get(95)); // a replay of a row page one already showed
          clickHouse.insert(arrivals);

          String cursor = first.path("nextCursor").asText();
          while (cursor != null) {
            JsonNode page = api.ok("/v1/logs?limit=30&cursor=" + enc(cursor));
            seen.addAll(ids(page.path("events")));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
          }
          List<String> expectedIds = new ArrayList<>();
          for (int i = 99; i >= 0; i--) {
            if (i < 5) {
              expectedIds.add("late-" + i); // 3 s after p-100i
            }
            expectedIds.add("p-" + (1000 + i));
          }
          assertThat(seen).containsExactlyElementsOf(expectedIds);
        });
  }

  private static EventRow pagingRow(TestProject project, String id, Instant ts) {
    return new EventRow(project.id(), id, ts, "INFO", "pager", "run", "row " + id, Map.of());
  }

  @Test
  void aCursorOnlyContinuesTheSearchAndProjectThatMadeIt() {
    withApi(
        b,
        apiB -> {
          JsonNode page = apiB.ok("/v1/logs?" + range + "&limit=5");
          String cursorOfB = page.path("nextCursor").asText();
          assertThat(cursorOfB).isNotEmpty();
          assertThat(apiB.get("/v1/logs?" + range + "&limit=5&cursor=" + enc(cursorOfB)).status())
              .isEqualTo(200);
          assertThat(
                  apiB.get("/v1/logs?" + range + "&level=info&limit=5&cursor=" + enc(cursorOfB))
                      .status())
              .as("other filters")
              .isEqualTo(400);
          withApi(
              a,
              apiA -> {
                QueryApi.Answer answer =
                    apiA.get("/v1/logs?" + range + "&limit=5&cursor=" + enc(cursorOfB));
                assertThat(answer.status()).isEqualTo(400);
                assertThat(answer.json().path("error").asText()).isEqualTo("invalid_parameter");
                assertThat(answer.json().path("message").asText()).startsWith("parameter 'cursor'");
              });
        });
  }

  @Test
  void eventByIdFindsOnlyTheCallersEvent() {
    LogEvent ofA = eventsOfA.stream().filter(e -> e.id().equals("a-005")).findFirst().orElseThrow();
    withApi(
        a,
        api -> {
          JsonNode event = api.ok("/v1/events/a-005?at=" + enc(ofA.timestamp()));
          assertThat(event.path("message").asText()).isEqualTo(ofA.message());
          assertThat(event.path("timestamp").asText())
              .isEqualTo(JsonMapping.timestamp(ofA.timestamp()));
          assertThat(event.path("attributes").path("user").asText()).isEqualTo("u5");
          assertThat(api.ok("/v1/events/a-005").path("message").asText()).isEqualTo(ofA.message());
          assertThat(
                  api.ok("/v1/events/a-005?at=" + enc(ofA.timestamp().plusMillis(900)))
                      .path("id")
                      .asText())
              .isEqualTo("a-005");

          QueryApi.Answer far =
              api.get("/v1/events/a-005?at=" + enc(ofA.timestamp().plusSeconds(5)));
          assertThat(far.status()).isEqualTo(404);
          assertThat(far.json().path("error").asText()).isEqualTo("not_found");
          assertThat(api.get("/v1/events/a-999").status()).isEqualTo(404);
          assertThat(api.get("/v1/events/a-005?at=yesterday").status()).isEqualTo(400);
        });
    withApi(
        b,
        api -> {
          assertThat(api.ok("/v1/events/a-005?at=" + enc(ofA.timestamp())).path("message").asText())
              .isEqualTo(eventsOfB.get("a-005").message());
          assertThat(api.get("/v1/events/a-100").status())
              .as("A's id that B does not have")
              .isEqualTo(404);
        });
  }

  @Test
  void aTinyRowLimitAnswers422QueryTooLarge() {
    ClickHouseLimits limits = QueryOptions.from(settings).clickhouseLimits();
    ClickHouseLimits tiny =
        new ClickHouseLimits(
            limits.maxExecutionSeconds(),
            limits.exportMaxExecutionSeconds(),
            10,
            limits.maxMemoryBytes());
    Javalin app =
        LocalQueryApp.create(
            settings,
            projects.keyStore(),
            (projectId, request) -> {
              throw new UnsupportedOperationException();
            },
            tiny);
    withApi(
        app,
        a,
        api -> {
          for (String path :
              List.of(
                  "/v1/logs?" + range,
                  "/v1/logs/histogram?" + range,
                  "/v1/logs/facets?" + range,
                  "/v1/logs/export?" + range,
                  "/v1/events/a-005")) {
            QueryApi.Answer answer = api.get(path);
            assertThat(answer.status()).as(path).isEqualTo(422);
            assertThat(answer.json().path("error").asText()).isEqualTo("query_too_large");
            assertThat(answer.json().path("message").asText()).contains("narrow the time range");
          }
        });
  }

  /** Query strings joined with '&' (an empty name from "&&" would be an unknown parameter). */
  static String join(String query, String more) {
    return more.isEmpty() ? query : query + "&" + more;
  }

  static Map<String, List<String>> queryMap(String query) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    if (query.isEmpty()) {
      return map;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      map.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return map;
  }
}
