package io.devlogs.query.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.query.PeopleDeps;
import io.devlogs.query.QueryOptions;
import io.devlogs.query.QueryServer;
import io.devlogs.query.alerts.AlertsDeps;
import io.devlogs.query.support.KeyedApi;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.query.support.RecordedMinuteRows;
import io.devlogs.query.support.TwoProjectsOnTheStack;
import io.devlogs.testing.LocalStack;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The recording rules' API on the stack's PostgreSQL and ClickHouse: create, read, edit (the
 * version goes up), delete; a bad definition is 400 naming the field; a viewer reads but cannot
 * change; another project sees none of it, even with its admin's key; and the series reads the
 * newest version of each minute row as the job writes them to {@code recorded_minutes}, the value
 * the rule's aggregation names.
 */
class RecordingApiIT extends TwoProjectsOnTheStack {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String RULE =
      "{\"name\": \"checkout latency\", \"definition\": {\"filter\": {\"service\": \"pay\","
          + " \"text\": \"checkout\"}, \"aggregation\": \"p90\", \"field\": \"ms\","
          + " \"group_by\": [\"region\"], \"max_groups\": 10}}";

  private final RecordedMinuteRows minutes;

  RecordingApiIT(LocalStack stack) {
    super(stack, "rec-api");
    this.minutes = new RecordedMinuteRows(stack.settings());
  }

  private Javalin app() {
    return QueryServer.createApp(
        LocalQueryApp.deps(stack.settings(), projects.keyStore()),
        PeopleDeps.unconfigured(),
        AlertsDeps.unavailable(),
        RecordingDeps.over(
            database::openConnection,
            LocalQueryApp.reader(
                stack.settings(), QueryOptions.from(stack.settings()).clickhouseLimits())));
  }

  @Test
  void rulesAreCreatedEditedAndDeletedAndOnlyTheirProjectSeesThem() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          KeyedApi api = new KeyedApi(client, adminKeyOfA);
          KeyedApi other = new KeyedApi(client, adminKeyOfB);
          JsonNode created = api.expect(201, "POST", "/v1/recording/rules", RULE);
          String id = created.path("id").asText();
          assertThat(created.path("version").asLong()).isEqualTo(1);
          assertThat(created.at("/definition/aggregation").asText()).isEqualTo("p90");
          assertThat(created.at("/definition/group_by/0").asText()).isEqualTo("region");

          JsonNode edited =
              api.expect(
                  200, "PUT", "/v1/recording/rules/" + id, RULE.replace("\"p90\"", "\"sum\""));
          assertThat(edited.path("version").asLong()).isEqualTo(2);
          assertThat(edited.at("/definition/aggregation").asText()).isEqualTo("sum");
          assertThat(api.expect(200, "GET", "/v1/recording/rules", null).path("rules"))
              .extracting(r -> r.path("id").asText())
              .contains(id);

          // Another project: nothing listed; the id is unknown to every route.
          assertThat(other.expect(200, "GET", "/v1/recording/rules", null).path("rules")).isEmpty();
          other.expect(404, "GET", "/v1/recording/rules/" + id, null);
          other.expect(404, "PUT", "/v1/recording/rules/" + id, RULE);
          other.expect(404, "DELETE", "/v1/recording/rules/" + id, null);
          other.expect(404, "GET", "/v1/recording/rules/" + id + "/series", null);
          other.expect(404, "GET", "/v1/recording/rules/not-an-id", null);

          JsonNode bad =
              api.expect(
                  400, "POST", "/v1/recording/rules", RULE.replace("\"field\": \"ms\",", ""));
          assertThat(bad.at("/detail/field").asText()).isEqualTo("definition.field");
          JsonNode badGroups =
              api.expect(
                  400,
                  "POST",
                  "/v1/recording/rules",
                  RULE.replace("\"max_groups\": 10", "\"max_groups\": 100000"));
          assertThat(badGroups.at("/detail/field").asText()).isEqualTo("definition.max_groups");

          api.expect(204, "DELETE", "/v1/recording/rules/" + id, null);
          api.expect(404, "GET", "/v1/recording/rules/" + id, null);
          // A dashboard panel still naming the deleted rule gets no minutes, only the 404.
          api.expect(404, "GET", "/v1/recording/rules/" + id + "/series", null);
        });
  }

  @Test
  void aViewerReadsButCannotChange() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          KeyedApi admin = new KeyedApi(client, adminKeyOfA);
          KeyedApi viewer = new KeyedApi(client, a.queryKey());
          String id = admin.expect(201, "POST", "/v1/recording/rules", RULE).path("id").asText();
          viewer.expect(200, "GET", "/v1/recording/rules/" + id, null);
          viewer.expect(200, "GET", "/v1/recording/rules/" + id + "/series", null);
          JsonNode refused = viewer.expect(403, "POST", "/v1/recording/rules", RULE);
          assertThat(refused.at("/detail/requiredRole").asText()).isEqualTo("editor");
          viewer.expect(403, "PUT", "/v1/recording/rules/" + id, RULE);
          viewer.expect(403, "DELETE", "/v1/recording/rules/" + id, null);
        });
  }

  @Test
  void theSeriesReadsTheNewestVersionOfEachMinuteAndGroup() throws Exception {
    Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
    JavalinTest.test(
        app(),
        (server, client) -> {
          KeyedApi api = new KeyedApi(client, adminKeyOfA);
          String id = api.expect(201, "POST", "/v1/recording/rules", RULE).path("id").asText();
          // As the job writes them: a minute fired on time (version 1), then again after a late
          // event (version 2); the next minute once; and the other group.
          minutes.insert(
              a.id(), id, minute, "{\"region\":\"eu\"}", 0, 4, 4, 100, 10, 40, 20, 40, 1);
          minutes.insert(
              a.id(), id, minute, "{\"region\":\"eu\"}", 0, 5, 5, 150, 10, 50, 30, 50, 2);
          minutes.insert(
              a.id(), id, minute.plusSeconds(60), "{\"region\":\"eu\"}", 0, 2, 0, 0, 0, 0, 0, 0, 3);
          minutes.insert(a.id(), id, minute, "{}", 1, 3, 3, 9, 1, 5, 3, 5, 1);
          minutes.insert(
              b.id(), id, minute, "{\"region\":\"eu\"}", 0, 99, 99, 99, 99, 99, 99, 99, 9);

          JsonNode series =
              api.expect(
                  200,
                  "GET",
                  "/v1/recording/rules/"
                      + id
                      + "/series?from="
                      + minute.minusSeconds(30)
                      + "&to="
                      + minute.plusSeconds(90),
                  null);
          assertThat(series.path("aggregation").asText()).isEqualTo("p90");
          assertThat(Instant.parse(series.path("from").asText()))
              .isEqualTo(minute.minusSeconds(60));
          JsonNode eu = series.path("series").get(0);
          assertThat(eu.path("group").path("region").asText()).isEqualTo("eu");
          assertThat(eu.path("other").asBoolean()).isFalse();
          assertThat(eu.path("events").asLong()).isEqualTo(7);
          assertThat(eu.path("points").get(0).path("value").asDouble()).isEqualTo(50);
          assertThat(eu.path("points").get(0).path("events").asLong()).isEqualTo(5);
          assertThat(eu.path("points").get(1).path("value").isNull())
              .as("no event of the minute carried the field")
              .isTrue();
          JsonNode other = series.path("series").get(1);
          assertThat(other.path("other").asBoolean()).isTrue();
          assertThat(other.path("points").get(0).path("value").asDouble()).isEqualTo(5);
          assertThat(series.path("series")).hasSize(2);
        });
  }
}
