package io.devlogs.query.tail;

import static io.devlogs.query.support.QueryApi.enc;
import static io.devlogs.query.support.QueryApi.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.javalin.testtools.JavalinTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * LogQL in {@code q}: search ({@code GET /v1/logs} on the stack's ClickHouse) and the live tail
 * (the hub with filters parsed as {@code /v1/tail?q=} parses them) select exactly the events a
 * condition written here by hand selects; histogram, {@code /v1/fields} and {@code
 * /v1/logql/series} count the same events; a parse error names its position.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class LogqlSearchAndTailIT {
  private static final String[] LEVELS = {"DEBUG", "INFO", "WARN", "ERROR"};
  private static final String[] SERVICES = {"api", "web", "worker"};
  private static final Comparator<LogEvent> NEWEST_FIRST =
      Comparator.comparing(LogEvent::timestamp).thenComparing(LogEvent::id).reversed();

  private final Settings settings;
  private final TestProjects projects;
  private final Instant start =
      Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(40));
  private final String range = range(start, start.plus(Duration.ofMinutes(30)));
  private TestProject project;
  private TestProject other;
  private final List<LogEvent> events = new ArrayList<>();

  LogqlSearchAndTailIT(LocalStack stack) {
    this.settings = stack.settings();
    this.projects = new TestProjects(stack);
  }

  @BeforeAll
  void seed() {
    project = projects.create("lqw-search");
    other = projects.create("lqw-other");
    List<EventRow> rows = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      Instant ts = start.plusSeconds(i * 7L + 1).plusNanos(i * 1_000L);
      String message =
          i % 9 == 0 ? "Payment FAILED for order " + i : "request " + i + " ok, took " + i + "ms";
      Map<String, String> attributes = new HashMap<>();
      attributes.put("duration_ms", Integer.toString(i * 3));
      attributes.put("user", "u" + (i % 5));
      attributes.put("elapsed", i % 2 == 0 ? (i * 10) + "ms" : (i / 10) + "s");
      if (i % 4 == 0) {
        attributes.put("http.status", i % 8 == 0 ? "500" : "200");
      }
      rows.add(
          new EventRow(
              project.id(),
              String.format("q-%03d", i),
              ts,
              LEVELS[i % 4],
              SERVICES[i % 3],
              "run-" + (i % 2),
              message,
              attributes));
    }
    rows.forEach(row -> events.add(row.toEvent()));
    events.sort(NEWEST_FIRST);
    // The other project has events every query below would select: none may show.
    List<EventRow> others = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      EventRow row = rows.get(i);
      others.add(
          new EventRow(
              other.id(),
              row.id(),
              row.timestamp(),
              "ERROR",
              "api",
              "run-0",
              "Payment FAILED elsewhere",
              Map.of("duration_ms", "9999", "user", "u1", "http.status", "500")));
    }
    ClickHouseRows clickHouse = new ClickHouseRows(settings);
    clickHouse.insert(rows);
    clickHouse.insert(others);
  }

  /** A query and the same selection written by hand, independent of the compiler. */
  private record Case(String params, Predicate<LogEvent> expected) {}

  private static String attr(LogEvent e, String key) {
    return e.attributes().getOrDefault(key, "");
  }

  private static double seconds(String duration) {
    return duration.endsWith("ms")
        ? Double.parseDouble(duration.substring(0, duration.length() - 2)) / 1000
        : Double.parseDouble(duration.substring(0, duration.length() - 1));
  }

  private static List<Case> cases() {
    return List.of(
        new Case("q=" + enc("{service=\"api\"}"), e -> e.service().equals("api")),
        new Case(
            "q=" + enc("{service=~\"api|web\", level!=\"debug\"} |= \"FAILED\""),
            e ->
                !e.service().equals("worker")
                    && !e.level().equals("DEBUG")
                    && e.message().contains("FAILED")),
        new Case(
            "q=" + enc("{stream=\"run-1\"} != \"FAILED\" !~ \"took [0-9]*7ms\""),
            e ->
                e.stream().equals("run-1")
                    && !e.message().contains("FAILED")
                    && !e.message().matches(".*took [0-9]*7ms.*")),
        new Case(
            "q=" + enc("{service=~\".+\"} | duration_ms > 300"),
            e -> Integer.parseInt(attr(e, "duration_ms")) > 300),
        new Case(
            "q=" + enc("{service=~\".+\"} | json | http.status=\"500\" or duration_ms <= 20"),
            e ->
                attr(e, "http.status").equals("500")
                    || Integer.parseInt(attr(e, "duration_ms")) <= 20),
        new Case(
            "q=" + enc("{service=~\".+\"} |~ \"took [0-9]*[16]ms\" | user=~\"u[12]\""),
            e ->
                e.message().matches(".*took [0-9]*[16]ms.*")
                    && (attr(e, "user").equals("u1") || attr(e, "user").equals("u2"))),
        new Case(
            "q=" + enc("{service=\"worker\"} | elapsed >= 1s"),
            e -> e.service().equals("worker") && seconds(attr(e, "elapsed")) >= 1),
        new Case("q=" + enc("{service=\"nope\"}"), e -> false),
        // LogQL and the other filters together.
        new Case(
            "level=error&attr.user=u3&q=" + enc("{service=~\".+\"} != \"FAILED\""),
            e ->
                e.level().equals("ERROR")
                    && attr(e, "user").equals("u3")
                    && !e.message().contains("FAILED")),
        // Plain words keep their meaning: case-insensitive terms.
        new Case("q=" + enc("payment failed"), e -> e.message().contains("Payment FAILED")));
  }

  private void withApi(TestProject owner, Consumer<QueryApi> test) {
    JavalinTest.test(
        LocalQueryApp.create(settings, projects.keyStore()),
        (server, client) -> test.accept(new QueryApi(client, owner.queryKey())));
  }

  private static List<String> allPages(QueryApi api, String query) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 100; page++) {
      JsonNode body =
          api.ok(
              "/v1/logs?" + query + "&limit=40" + (cursor == null ? "" : "&cursor=" + enc(cursor)));
      ids.addAll(QueryApi.ids(body.path("events")));
      if (body.path("nextCursor").isNull()) {
        return ids;
      }
      cursor = body.path("nextCursor").asText();
    }
    throw new AssertionError("more than 100 pages");
  }

  /** The ids the live tail sends for {@code params} when the project's events arrive. */
  private List<String> tailed(String params) throws Exception {
    TailHub hub = new TailHub(h -> {}, new TailLimits(10_000, 100_000_000, 5, 10));
    FakeSocket socket = FakeSocket.fast();
    hub.subscribe(
        project.id(), TailEndpoint.parseFilters(new RequestParams(queryMap(params))), socket);
    hub.feedReady();
    for (LogEvent event : events) {
      hub.publish(project.id(), event);
    }
    return socket.written().stream()
        .filter(m -> m.contains("\"type\":\"event\""))
        .map(m -> m.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"))
        .toList();
  }

  private static Map<String, List<String>> queryMap(String query) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      map.computeIfAbsent(
              java.net.URLDecoder.decode(
                  pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
              k -> new ArrayList<>())
          .add(
              java.net.URLDecoder.decode(
                  pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
    }
    return map;
  }

  @Test
  void searchAndTailSelectExactlyTheEventsTheQueryMeans() throws Exception {
    List<Case> cases = cases();
    Map<String, List<String>> searched = new LinkedHashMap<>();
    withApi(
        project,
        api -> {
          for (Case c : cases) {
            searched.put(c.params(), allPages(api, range + "&" + c.params()));
          }
        });
    int nonEmpty = 0;
    for (Case c : cases) {
      List<String> expected = events.stream().filter(c.expected()).map(LogEvent::id).toList();
      assertThat(searched.get(c.params()))
          .as("search %s", c.params())
          .containsExactlyElementsOf(expected);
      assertThat(tailed(c.params())).as("tail %s", c.params()).containsExactlyElementsOf(expected);
      if (!expected.isEmpty() && expected.size() < events.size()) {
        nonEmpty++;
      }
    }
    assertThat(nonEmpty)
        .as("cases that select some but not all events")
        .isEqualTo(cases.size() - 1);
  }

  @Test
  void anotherProjectsKeySeesOnlyItsOwnEvents() {
    withApi(
        other,
        api -> {
          JsonNode events =
              api.ok("/v1/logs?" + range + "&limit=1000&q=" + enc("{service=~\".+\"}"))
                  .path("events");
          assertThat(events).hasSize(10);
          events.forEach(
              e -> assertThat(e.path("message").asText()).isEqualTo("Payment FAILED elsewhere"));
        });
  }

  @Test
  void aParseErrorIsA400NamingItsPosition() {
    String query = "{service=\"api\"} |= \"x\" | duration_ms >";
    withApi(
        project,
        api -> {
          for (String path :
              List.of("/v1/logs?", "/v1/logs/histogram?", "/v1/logs/facets?", "/v1/fields?")) {
            JsonNode error = api.expect(400, path + range + "&q=" + enc(query));
            assertThat(error.path("error").asText()).isEqualTo("invalid_parameter");
            assertThat(error.path("detail").path("parameter").asText()).isEqualTo("q");
            assertThat(error.path("detail").path("offset").asInt()).isEqualTo(query.length());
            assertThat(error.path("detail").path("column").asInt()).isEqualTo(query.length() + 1);
            assertThat(error.path("detail").path("expected").asText()).contains("number");
          }
          JsonNode metric =
              api.expect(
                  400, "/v1/logs?" + range + "&q=" + enc("{service=\"api\"} | unknown_stage"));
          assertThat(metric.path("detail").path("offset").asInt()).isGreaterThan(0);
        });
  }

  @Test
  void histogramCountsTheSameEvents() {
    String logql = "{service=~\"api|worker\"} | duration_ms > 100";
    long expected =
        events.stream()
            .filter(
                e -> !e.service().equals("web") && Integer.parseInt(attr(e, "duration_ms")) > 100)
            .count();
    withApi(
        project,
        api -> {
          JsonNode body = api.ok("/v1/logs/histogram?" + range + "&buckets=30&q=" + enc(logql));
          long total = 0;
          for (JsonNode bucket : body.path("buckets")) {
            total += bucket.path("count").asLong();
          }
          assertThat(total).isEqualTo(expected).isPositive();
        });
  }

  @Test
  void fieldsListLabelsAndAttributesWithTheirTopValues() {
    List<LogEvent> api = events.stream().filter(e -> e.service().equals("api")).toList();
    withApi(
        project,
        client -> {
          JsonNode body =
              client.ok("/v1/fields?" + range + "&values=3&q=" + enc("{service=\"api\"}"));
          assertThat(body.path("sampled").asLong()).isEqualTo(api.size());
          Map<String, JsonNode> byName = new LinkedHashMap<>();
          body.path("fields").forEach(f -> byName.put(f.path("name").asText(), f));
          assertThat(new ArrayList<>(byName.keySet()).subList(0, 3))
              .as("the labels first")
              .containsExactlyInAnyOrder("service", "level", "stream");
          JsonNode service = byName.get("service");
          assertThat(service.path("kind").asText()).isEqualTo("label");
          assertThat(service.path("values").get(0).path("value").asText()).isEqualTo("api");
          assertThat(service.path("values").get(0).path("count").asLong()).isEqualTo(api.size());
          JsonNode duration = byName.get("duration_ms");
          assertThat(duration.path("kind").asText()).isEqualTo("attribute");
          assertThat(duration.path("numeric").asBoolean()).isTrue();
          assertThat(duration.path("distinct").asLong()).isEqualTo(api.size());
          JsonNode user = byName.get("user");
          assertThat(user.path("numeric").asBoolean()).isFalse();
          Map<String, Long> users =
              api.stream()
                  .collect(Collectors.groupingBy(e -> attr(e, "user"), Collectors.counting()));
          assertThat(user.path("values")).hasSize(3);
          for (JsonNode value : user.path("values")) {
            assertThat(value.path("count").asLong())
                .as("user %s", value.path("value").asText())
                .isEqualTo(users.get(value.path("value").asText()));
          }
          JsonNode status = byName.get("http.status");
          assertThat(status.path("events").asLong())
              .isEqualTo(
                  api.stream().filter(e -> e.attributes().containsKey("http.status")).count());
        });
  }

  @Test
  void metricSeriesCountTheSameEventsPerService() {
    String query = "sum by (service) (count_over_time({service=~\".+\"} |= \"ok\" [1m]))";
    Map<String, Long> expected =
        events.stream()
            .filter(e -> e.message().contains("ok"))
            .collect(Collectors.groupingBy(LogEvent::service, Collectors.counting()));
    withApi(
        project,
        api -> {
          JsonNode body = api.ok("/v1/logql/series?" + range + "&step=1m&query=" + enc(query));
          assertThat(body.path("step").asDouble()).isEqualTo(60.0);
          Map<String, Long> counted = new HashMap<>();
          for (JsonNode series : body.path("series")) {
            assertThat(series.path("labels").size()).isEqualTo(1);
            long sum = 0;
            for (JsonNode point : series.path("points")) {
              sum += Math.round(point.path("value").asDouble());
            }
            counted.put(series.path("labels").path("service").asText(), sum);
          }
          // Steps of 1m over [1m] windows count every event once: the sums are the totals.
          assertThat(counted).isEqualTo(expected);
          JsonNode refused =
              api.expect(400, "/v1/logql/series?" + range + "&query=" + enc("{service=\"api\"}"));
          assertThat(refused.path("detail").path("parameter").asText()).isEqualTo("query");
          JsonNode malformed =
              api.expect(
                  400, "/v1/logql/series?" + range + "&query=" + enc("sum(rate({a=\"b\"}))"));
          assertThat(malformed.path("detail").path("offset").asInt()).isGreaterThan(0);
        });
  }
}
