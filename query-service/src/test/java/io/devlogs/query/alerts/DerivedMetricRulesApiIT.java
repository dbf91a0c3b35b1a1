package io.devlogs.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.query.PeopleDeps;
import io.devlogs.query.QueryOptions;
import io.devlogs.query.QueryServer;
import io.devlogs.query.alerts.notify.NotifyOptions;
import io.devlogs.query.recording.RecordingDeps;
import io.devlogs.query.support.KeyedApi;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.query.support.RecordedMinuteRows;
import io.devlogs.query.support.TwoProjectsOnTheStack;
import io.devlogs.testing.LocalStack;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code derived_metric} alert rules on the stack's PostgreSQL and ClickHouse: a rule over the
 * project's own recording rule is stored and read back; another project's recording rule id is
 * refused with 400 on {@code definition.recording_rule_id}, exactly as an id that does not exist;
 * and the preview reads the watched group's minutes from {@code recorded_minutes} (the newest
 * version of each) and places the firing where the window crossed.
 */
class DerivedMetricRulesApiIT extends TwoProjectsOnTheStack {

  private static final String RECORDING =
      "{\"name\": \"checkout errors\", \"definition\": {\"filter\": {\"service\": \"pay\"},"
          + " \"aggregation\": \"count\", \"group_by\": [\"region\"]}}";

  private final RecordedMinuteRows minutes;

  DerivedMetricRulesApiIT(LocalStack stack) {
    super(stack, "dal-api");
    this.minutes = new RecordedMinuteRows(stack.settings());
  }

  private Javalin app() {
    return QueryServer.createApp(
        LocalQueryApp.deps(stack.settings(), projects.keyStore()),
        PeopleDeps.unconfigured(),
        AlertsDeps.over(
            database::openConnection,
            NotifyOptions.from(stack.settings()).deliveries(Clock.systemUTC())),
        RecordingDeps.over(
            database::openConnection,
            LocalQueryApp.reader(
                stack.settings(), QueryOptions.from(stack.settings()).clickhouseLimits())));
  }

  private static String rule(String recordingRuleId, String group) {
    return "{\"name\": \"eu checkout errors\", \"kind\": \"derived_metric\", \"definition\":"
        + " {\"recording_rule_id\": \""
        + recordingRuleId
        + "\", "
        + group
        + "\"over\": \"sum\", \"window_seconds\": 120, \"op\": \">\", \"threshold\": 10},"
        + " \"severity\": \"critical\"}";
  }

  @Test
  void aRuleWatchesItsOwnProjectsRecordingRuleAndAnotherProjectsIdDoesNotExist() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          KeyedApi api = new KeyedApi(client, adminKeyOfA);
          KeyedApi other = new KeyedApi(client, adminKeyOfB);
          String recordingOfA =
              api.expect(201, "POST", "/v1/recording/rules", RECORDING).path("id").asText();
          String recordingOfB =
              other.expect(201, "POST", "/v1/recording/rules", RECORDING).path("id").asText();

          JsonNode created =
              api.expect(
                  201,
                  "POST",
                  "/v1/alerts/rules",
                  rule(recordingOfA, "\"group\": {\"region\": \"eu\"}, "));
          assertThat(created.path("kind").asText()).isEqualTo("derived_metric");
          assertThat(created.at("/definition/recording_rule_id").asText()).isEqualTo(recordingOfA);
          assertThat(created.at("/definition/group/region").asText()).isEqualTo("eu");
          assertThat(created.at("/definition/over").asText()).isEqualTo("sum");
          assertThat(created.at("/definition/filter").isMissingNode()).isTrue();

          // B's recording rule, from A: refused as if it did not exist, on create, edit, preview.
          JsonNode foreign = api.expect(400, "POST", "/v1/alerts/rules", rule(recordingOfB, ""));
          JsonNode unknown =
              api.expect(
                  400,
                  "POST",
                  "/v1/alerts/rules",
                  rule("11111111-2222-4333-8444-555555555555", ""));
          assertThat(foreign.at("/detail/field").asText())
              .isEqualTo(unknown.at("/detail/field").asText())
              .isEqualTo("definition.recording_rule_id");
          assertThat(foreign.path("message").asText())
              .isEqualTo("field 'definition.recording_rule_id': no recording rule " + recordingOfB);
          api.expect(
              400,
              "PUT",
              "/v1/alerts/rules/" + created.path("id").asText(),
              rule(recordingOfB, ""));
          api.expect(400, "POST", "/v1/alerts/preview", rule(recordingOfB, ""));
          assertThat(api.expect(200, "GET", "/v1/alerts/rules", null).path("rules"))
              .extracting(r -> r.at("/definition/recording_rule_id").asText())
              .containsOnly(recordingOfA);
        });
  }

  @Test
  void thePreviewReadsTheWatchedGroupsNewestMinutesAndFiresWhereTheWindowCrossed()
      throws Exception {
    Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(30, ChronoUnit.MINUTES);
    JavalinTest.test(
        app(),
        (server, client) -> {
          KeyedApi api = new KeyedApi(client, adminKeyOfA);
          String recording =
              api.expect(201, "POST", "/v1/recording/rules", RECORDING).path("id").asText();
          // eu: 4 then 5 (refired: 8 replaces 4), us never counts; then quiet.
          minutes.insert(
              a.id(), recording, minute, "{\"region\":\"eu\"}", 0, 4, 0, 0, 0, 0, 0, 0, 1);
          minutes.insert(
              a.id(), recording, minute, "{\"region\":\"eu\"}", 0, 8, 0, 0, 0, 0, 0, 0, 2);
          minutes.insert(
              a.id(),
              recording,
              minute.plusSeconds(60),
              "{\"region\":\"eu\"}",
              0,
              5,
              0,
              0,
              0,
              0,
              0,
              0,
              1);
          minutes.insert(
              a.id(),
              recording,
              minute.plusSeconds(60),
              "{\"region\":\"us\"}",
              0,
              90,
              0,
              0,
              0,
              0,
              0,
              0,
              1);

          JsonNode preview =
              api.expect(
                  200,
                  "POST",
                  "/v1/alerts/preview",
                  rule(recording, "\"group\": {\"region\": \"eu\"}, "));
          assertThat(preview.path("unavailable").isNull()).isTrue();
          JsonNode episodes = preview.path("episodes");
          assertThat(episodes).hasSize(1);
          // The window of 2 minutes ending after the second minute holds 8 + 5 = 13 > 10; it
          // resolves a minute later when the first minute leaves (5).
          assertThat(Instant.parse(episodes.get(0).path("firedAt").asText()))
              .isEqualTo(minute.plusSeconds(120));
          assertThat(Instant.parse(episodes.get(0).path("resolvedAt").asText()))
              .isEqualTo(minute.plusSeconds(180));
          assertThat(episodes.get(0).path("peak").asDouble()).isEqualTo(13);
        });
  }
}
