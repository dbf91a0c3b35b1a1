package io.devlogs.query.deadletters;

import static io.devlogs.query.support.QueryApi.enc;
import static io.devlogs.query.support.QueryApi.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.query.support.ClickHouseRows;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.query.support.QueryApi;
import io.devlogs.query.support.TestProject;
import io.devlogs.settings.Settings;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.javalin.testtools.JavalinTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /v1/dead-letters} and {@code /counts} against the real ClickHouse {@code
 * devlogs.dead_letters} (rows in the job's shape, written straight to the table) read as the
 * read-only user: newest first, cursor paging without repeats or gaps, cause filter, counts, the
 * display cut, and two projects that never see each other's dead letters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class DeadLettersIT {
  private static final DateTimeFormatter CLICKHOUSE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final LocalStack stack;
  private final Settings settings;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private ProjectsDatabase database;
  private ApiKeyStore keyStore;
  private TestProject a;
  private TestProject b;

  /** A's dead letter ids, newest first. */
  private final List<String> idsOfA = new ArrayList<>();

  DeadLettersIT(LocalStack stack) {
    this.stack = stack;
    this.settings = stack.settings();
  }

  @BeforeAll
  void seed() {
    database = ProjectsDatabase.connect(settings);
    keyStore = new ApiKeyStore(database);
    a = TestProject.create(database, stack.uniqueName("it-dead-letters-a"));
    b = TestProject.create(database, stack.uniqueName("it-dead-letters-b"));
    List<Map<String, Object>> rows = new ArrayList<>();
    // A: 7 dead letters, 5 unparseable and 2 out of bounds, one per 10 s; two share a millisecond.
    for (int i = 0; i < 7; i++) {
      Instant time = now.minusSeconds(60 + 10L * i).plusMillis(i == 4 ? -4_999 : 123);
      String cause = i % 3 == 1 ? "out_of_bounds" : "unparseable";
      String value = i == 0 ? "{\"msg\": \"" + "é".repeat(3_000) + "\"" : "{\"msg\": broken " + i;
      rows.add(row(a.id(), "a-" + i, time, cause, value));
    }
    rows.add(row(a.id(), "a-same-ms-1", now.minusSeconds(100).plusMillis(7), "unparseable", "x"));
    rows.add(row(a.id(), "a-same-ms-2", now.minusSeconds(100).plusMillis(7), "unparseable", "y"));
    // Outside the default 7 days: never listed by default.
    rows.add(row(a.id(), "a-old", now.minus(8, ChronoUnit.DAYS), "unparseable", "old"));
    // B: the same shapes, another project.
    for (int i = 0; i < 3; i++) {
      rows.add(row(b.id(), "b-" + i, now.minusSeconds(65 + i), "unparseable", "B secret " + i));
    }
    new ClickHouseRows(settings).insert("devlogs.dead_letters", rows);
    rows.stream()
        .filter(r -> r.get("project").equals(a.id()) && !r.get("dead_letter_id").equals("a-old"))
        .sorted(
            (x, y) -> {
              int byTime = Long.compare((long) y.get("received_ms"), (long) x.get("received_ms"));
              return byTime != 0
                  ? byTime
                  : ((String) y.get("dead_letter_id")).compareTo((String) x.get("dead_letter_id"));
            })
        .forEach(r -> idsOfA.add((String) r.get("dead_letter_id")));
  }

  @Test
  void listsTheProjectsDeadLettersNewestFirstWithTheirRecordAndSource() {
    run(
        a,
        api -> {
          JsonNode page = api.ok("/v1/dead-letters");
          assertThat(ids(page)).containsExactlyElementsOf(idsOfA);
          assertThat(page.path("nextCursor").isNull()).isTrue();
          JsonNode newest = page.path("deadLetters").get(0);
          assertThat(newest.path("cause").asText()).isEqualTo("unparseable");
          assertThat(newest.path("reason").asText()).isEqualTo("invalid JSON: a-0");
          assertThat(Instant.parse(newest.path("time").asText()))
              .isEqualTo(now.minusSeconds(60).plusMillis(123));
          assertThat(newest.path("value").asText())
              .hasSize(DeadLetter.DISPLAY_CHARS)
              .startsWith("{\"msg\": \"éé");
          assertThat(newest.path("valueTruncated").asBoolean()).isTrue();
          assertThat(newest.path("valueBytes").asLong()).isEqualTo(6_010);
          assertThat(newest.path("format").asText()).isEqualTo("json");
          assertThat(newest.path("service").isNull()).isTrue();
          assertThat(newest.path("source").path("topic").asText()).isEqualTo("devlogs-raw");
          assertThat(newest.path("source").path("partition").asInt()).isEqualTo(1);
          assertThat(newest.path("source").path("offset").asLong()).isEqualTo(1000);
          JsonNode second = page.path("deadLetters").get(1);
          assertThat(second.path("value").asText()).isEqualTo("{\"msg\": broken 1");
          assertThat(second.path("valueTruncated").asBoolean()).isFalse();
        });
  }

  @Test
  void pagesFollowTheCursorWithoutRepeatsOrGaps() {
    run(
        a,
        api -> {
          List<String> seen = new ArrayList<>();
          String cursor = null;
          int pages = 0;
          do {
            JsonNode page =
                api.ok(
                    "/v1/dead-letters?limit=2" + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            seen.addAll(ids(page));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
          } while (cursor != null && pages < 20);
          assertThat(seen).containsExactlyElementsOf(idsOfA);
          assertThat(pages).isEqualTo(idsOfA.size() / 2 + 1);
        });
  }

  @Test
  void causeFilterAndCountsPerCause() {
    run(
        a,
        api -> {
          JsonNode outOfBounds = api.ok("/v1/dead-letters?cause=out_of_bounds");
          assertThat(ids(outOfBounds)).containsExactly("a-1", "a-4");
          assertThat(ids(api.ok("/v1/dead-letters?cause=out_of_bounds,unparseable")))
              .containsExactlyElementsOf(idsOfA);
          assertThat(ids(api.ok("/v1/dead-letters?cause=refused_by_kafka"))).isEmpty();

          JsonNode counts = api.ok("/v1/dead-letters/counts");
          assertThat(counts.path("total").asLong()).isEqualTo(idsOfA.size());
          assertThat(counts.path("causes").toString())
              .isEqualTo(
                  "[{\"cause\":\"unparseable\",\"count\":7},{\"cause\":\"out_of_bounds\",\"count\":2}]");
          JsonNode old =
              api.ok(
                  "/v1/dead-letters/counts?"
                      + range(now.minus(9, ChronoUnit.DAYS), now.minus(7, ChronoUnit.DAYS)));
          assertThat(old.path("total").asLong()).isEqualTo(1);
        });
  }

  @Test
  void anotherProjectsDeadLettersAreInvisible() {
    List<String> cursorOfA = new ArrayList<>();
    run(
        a,
        api -> {
          assertThat(ids(api.ok("/v1/dead-letters?limit=500")))
              .noneMatch(id -> id.startsWith("b-"));
          cursorOfA.add(api.ok("/v1/dead-letters?limit=2").path("nextCursor").asText());
        });
    run(
        b,
        api -> {
          assertThat(ids(api.ok("/v1/dead-letters"))).containsExactly("b-0", "b-1", "b-2");
          JsonNode counts = api.ok("/v1/dead-letters/counts");
          assertThat(counts.path("total").asLong()).isEqualTo(3);
          JsonNode refused =
              api.expect(400, "/v1/dead-letters?limit=2&cursor=" + enc(cursorOfA.get(0)));
          assertThat(refused.path("message").asText()).startsWith("parameter 'cursor'");
        });
  }

  @Test
  void badParametersAreRefusedNamingThem() {
    run(
        a,
        api -> {
          assertThat(api.expect(400, "/v1/dead-letters?cause=" + enc("x' OR 1=1")).toString())
              .contains("parameter 'cause'");
          assertThat(api.expect(400, "/v1/dead-letters?level=error").toString())
              .contains("parameter 'level'");
          assertThat(api.expect(400, "/v1/dead-letters?limit=501").toString())
              .contains("parameter 'limit'");
          assertThat(api.expect(400, "/v1/dead-letters/counts?from=yesterday").toString())
              .contains("parameter 'from'");
        });
  }

  private void run(TestProject project, Consumer<QueryApi> test) {
    JavalinTest.test(
        LocalQueryApp.create(settings, keyStore),
        (server, client) -> test.accept(new QueryApi(client, project.queryKey())));
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("deadLetters").forEach(letter -> ids.add(letter.path("id").asText()));
    return ids;
  }

  /** A row as the job's ClickHouseDeadLetterFormat writes it. */
  private static Map<String, Object> row(
      String project, String id, Instant time, String cause, String value) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("project", project);
    row.put("received_at", CLICKHOUSE_TIME.format(time));
    row.put("received_ms", time.toEpochMilli());
    row.put("dead_letter_id", id);
    row.put("cause", cause);
    row.put("reason", "invalid JSON: " + id);
    row.put("value", value);
    row.put("value_bytes", value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    row.put("value_truncated", 0);
    row.put("format", "json");
    row.put("stream", "run-1");
    row.put("service", null);
    row.put("record_index", "0");
    row.put("idempotency_key", null);
    row.put("source_topic", "devlogs-raw");
    row.put("source_partition", 1);
    row.put("source_offset", 1000);
    row.put("retention_days", 30);
    row.put("sink_batch", "it-" + UUID.randomUUID());
    return row;
  }
}
