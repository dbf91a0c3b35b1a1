package io.devlogs.query.patterns;

import static io.devlogs.query.support.QueryApi.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.query.http.JsonMapping;
import io.devlogs.query.support.ClickHouseRows;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.query.support.QueryApi;
import io.devlogs.query.support.TestProject;
import io.devlogs.query.support.TestProjects;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /v1/patterns} and the {@code pattern} filter of {@code GET /v1/logs} against the real
 * ClickHouse: rows written as the job writes them ({@code pattern_minutes}, {@code patterns},
 * {@code events.pattern_id}) for two fresh projects, read back as the read-only reader.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class PatternsIT {
  private static final DateTimeFormatter CLICKHOUSE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final LocalStack stack;
  private final TestProjects projects;
  private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final String login = "a1" + run.substring(0, 10) + "0001";
  private final String failure = "a1" + run.substring(0, 10) + "0002";
  private final String foreign = "b1" + run.substring(0, 10) + "0003";
  private final Instant start =
      Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
  private TestProject projectA;
  private TestProject projectB;

  PatternsIT(LocalStack stack) {
    this.stack = stack;
    this.projects = new TestProjects(stack);
  }

  @BeforeAll
  void seed() {
    projectA = projects.create("it-patterns-a");
    projectB = projects.create("it-patterns-b");
    ClickHouseRows rows = new ClickHouseRows(stack.settings());
    String a = projectA.id();
    String b = projectB.id();
    rows.insert(
        "devlogs.pattern_minutes",
        List.of(
            minute(a, login, "api", "INFO", 0, 5, 1),
            minute(a, login, "api", "INFO", 10, 3, 1),
            minute(a, login, "web", "INFO", 10, 2, 1),
            minute(a, failure, "api", "ERROR", 20, 4, 1),
            minute(b, foreign, "api", "INFO", 10, 1_000_000, 1)));
    // A minute rewritten with a higher version: only 6 may count, not 5 + 6.
    rows.insert("devlogs.pattern_minutes", List.of(minute(a, login, "api", "INFO", 0, 6, 2)));
    rows.insert(
        "devlogs.patterns",
        List.of(
            pattern(a, login, "user alice logged in", 0, 1),
            pattern(a, failure, "payment <*> failed", 15, 1),
            pattern(b, foreign, "secret of b <*>", 5, 1)));
    rows.insert("devlogs.patterns", List.of(pattern(a, login, "user <*> logged in", 0, 2)));
    rows.insert(
        "devlogs.events",
        List.of(
            event(a, "e-login", login, "user bob logged in"),
            event(a, "e-fail", failure, "payment 7 failed")));
  }

  private Map<String, Object> minute(
      String project,
      String id,
      String service,
      String level,
      int minute,
      long events,
      long version) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("project", project);
    row.put("pattern_id", id);
    row.put("service", service);
    row.put("level", level);
    row.put("minute", CLICKHOUSE_TIME.format(start.plus(Duration.ofMinutes(minute))));
    row.put("events", events);
    row.put("version", version);
    return row;
  }

  private Map<String, Object> pattern(
      String project, String id, String template, int firstSeenMinute, long version) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("project", project);
    row.put("pattern_id", id);
    row.put("template", template);
    row.put("first_seen", CLICKHOUSE_TIME.format(start.plus(Duration.ofMinutes(firstSeenMinute))));
    row.put("example", "example of " + id);
    row.put("version", version);
    return row;
  }

  private Map<String, Object> event(String project, String id, String pattern, String message) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("project", project);
    row.put("ts", CLICKHOUSE_TIME.format(start.plus(Duration.ofMinutes(1))));
    row.put("event_id", id);
    row.put("level", "INFO");
    row.put("service", "api");
    row.put("stream", "s");
    row.put("message", message);
    row.put("attr_keys", List.of());
    row.put("attr_values", List.of());
    row.put("received_at", CLICKHOUSE_TIME.format(start));
    row.put("pattern_id", pattern);
    return row;
  }

  private Javalin app() {
    return LocalQueryApp.create(stack.settings(), projects.keyStore());
  }

  private String hour() {
    return range(start, start.plus(Duration.ofMinutes(60)));
  }

  @Test
  void listsTheProjectsPatternsByCountWithSparklinesAndNothingOfAnotherProject() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          JsonNode body = new QueryApi(client, projectA.queryKey()).ok("/v1/patterns?" + hour());

          assertThat(body.path("bucketSeconds").asLong()).isEqualTo(120);
          JsonNode patterns = body.path("patterns");
          assertThat(ids(patterns)).containsExactly(login, failure);
          JsonNode first = patterns.get(0);
          assertThat(first.path("count").asLong()).isEqualTo(6 + 3 + 2);
          assertThat(first.path("template").asText()).isEqualTo("user <*> logged in");
          assertThat(first.path("example").asText()).isEqualTo("example of " + login);
          assertThat(first.path("firstSeen").asText()).isEqualTo(JsonMapping.timestamp(start));
          List<Long> counts = new ArrayList<>();
          first.path("counts").forEach(c -> counts.add(c.asLong()));
          assertThat(counts).hasSize(30);
          assertThat(counts.get(0)).isEqualTo(6);
          assertThat(counts.get(5)).isEqualTo(5);
          assertThat(body.toString()).doesNotContain(foreign).doesNotContain("secret of b");

          JsonNode foreignView =
              new QueryApi(client, projectB.queryKey()).ok("/v1/patterns?" + hour());
          assertThat(ids(foreignView.path("patterns"))).containsExactly(foreign);
        });
  }

  @Test
  void filtersAndSortsByNewest() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          QueryApi api = new QueryApi(client, projectA.queryKey());
          assertThat(ids(api.ok("/v1/patterns?" + hour() + "&sort=newest").path("patterns")))
              .containsExactly(failure, login);
          assertThat(ids(api.ok("/v1/patterns?" + hour() + "&level=ERROR").path("patterns")))
              .containsExactly(failure);
          JsonNode web = api.ok("/v1/patterns?" + hour() + "&service=web").path("patterns");
          assertThat(web.get(0).path("count").asLong()).isEqualTo(2);
          assertThat(
                  api.expect(400, "/v1/patterns?sort=oldest")
                      .path("detail")
                      .path("parameter")
                      .asText())
              .isEqualTo("sort");
        });
  }

  @Test
  void searchFindsAPatternsEventsOnly() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          QueryApi api = new QueryApi(client, projectA.queryKey());
          JsonNode events = api.ok("/v1/logs?" + hour() + "&pattern=" + failure).path("events");
          assertThat(QueryApi.ids(events)).containsExactly("e-fail");
          assertThat(
                  api.expect(400, "/v1/logs?pattern=nothex")
                      .path("detail")
                      .path("parameter")
                      .asText())
              .isEqualTo("pattern");
          JsonNode foreignSearch =
              new QueryApi(client, projectB.queryKey())
                  .ok("/v1/logs?" + hour() + "&pattern=" + failure)
                  .path("events");
          assertThat(foreignSearch).isEmpty();
        });
  }

  private static List<String> ids(JsonNode patterns) {
    List<String> ids = new ArrayList<>();
    patterns.forEach(p -> ids.add(p.path("id").asText()));
    return ids;
  }
}
