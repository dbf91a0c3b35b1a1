package io.devlogs.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.query.PeopleDeps;
import io.devlogs.query.QueryServer;
import io.devlogs.query.alerts.notify.LocalWebhookReceiver;
import io.devlogs.query.alerts.notify.NotificationStore;
import io.devlogs.query.alerts.notify.NotifyOptions;
import io.devlogs.query.alerts.notify.Receiver;
import io.devlogs.query.alerts.notify.ReceiverKind;
import io.devlogs.query.alerts.notify.WebhookSignature;
import io.devlogs.query.support.KeyedApi;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.query.support.TwoProjectsOnTheStack;
import io.devlogs.testing.LocalStack;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alerts API on the stack's PostgreSQL and ClickHouse: rules (create, edit bumps the version,
 * mute, delete), silences, history and the firing list (transitions written to {@code
 * alert_history} as the job writes them), receivers with a test-send to a local webhook receiver,
 * the notification dead letters, the 24-hour preview; another project sees none of it, even with
 * its admin's key; and a viewer (a key with the query scope only) reads but cannot change.
 */
class AlertsApiIT extends TwoProjectsOnTheStack {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A port of this work's range (26200-26299). */
  private static final int WEBHOOK_PORT = 26212;

  private static final String RULE =
      "{\"name\": \"card declines\", \"kind\": \"match_count\", \"definition\": {\"filter\":"
          + " {\"service\": \"pay\", \"text\": \"declined\"}, \"window_seconds\": 300, \"op\": \">\","
          + " \"threshold\": 10}, \"forSeconds\": 60, \"severity\": \"critical\","
          + " \"labels\": {\"team\": \"payments\"}, \"description\": \"{{value}} declines\"}";

  private LocalWebhookReceiver webhooks;

  AlertsApiIT(LocalStack stack) {
    super(stack, "alr-api");
  }

  @BeforeAll
  void startWebhooks() throws IOException {
    webhooks = new LocalWebhookReceiver(WEBHOOK_PORT);
  }

  @AfterAll
  void stop() {
    webhooks.close();
  }

  private Javalin app() {
    AlertsDeps alerts =
        AlertsDeps.over(
            database::openConnection,
            NotifyOptions.from(stack.settings()).deliveries(Clock.systemUTC()));
    return QueryServer.createApp(
        LocalQueryApp.deps(stack.settings(), projects.keyStore()),
        PeopleDeps.unconfigured(),
        alerts);
  }

  @Test
  void rulesAreCreatedEditedMutedAndDeletedAndOnlyTheirProjectSeesThem() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          KeyedApi api = new KeyedApi(client, adminKeyOfA);
          KeyedApi other = new KeyedApi(client, adminKeyOfB);
          JsonNode created = api.expect(201, "POST", "/v1/alerts/rules", RULE);
          String id = created.path("id").asText();
          assertThat(created.path("version").asLong()).isEqualTo(1);
          assertThat(created.path("definition").path("window_seconds").asInt()).isEqualTo(300);
          assertThat(created.path("labels").path("team").asText()).isEqualTo("payments");

          JsonNode edited =
              api.expect(200, "PUT", "/v1/alerts/rules/" + id, RULE.replace("10}", "20}"));
          assertThat(edited.path("version").asLong()).isEqualTo(2);
          assertThat(edited.path("definition").path("threshold").asDouble()).isEqualTo(20);

          JsonNode muted = api.expect(200, "POST", "/v1/alerts/rules/" + id + "/disable", null);
          assertThat(muted.path("enabled").asBoolean()).isFalse();
          assertThat(muted.path("version").asLong()).isEqualTo(3);
          assertThat(api.expect(200, "GET", "/v1/alerts/rules", null).path("rules"))
              .extracting(r -> r.path("id").asText())
              .containsExactly(id);

          // Another project: nothing listed, the id is unknown, and it cannot change it.
          assertThat(other.expect(200, "GET", "/v1/alerts/rules", null).path("rules")).isEmpty();
          other.expect(404, "GET", "/v1/alerts/rules/" + id, null);
          other.expect(404, "PUT", "/v1/alerts/rules/" + id, RULE);
          other.expect(404, "POST", "/v1/alerts/rules/" + id + "/enable", null);
          other.expect(404, "GET", "/v1/alerts/rules/" + id + "/history", null);
          other.expect(404, "DELETE", "/v1/alerts/rules/" + id, null);
          assertThat(
                  api.expect(200, "GET", "/v1/alerts/rules/" + id, null)
                      .path("enabled")
                      .asBoolean())
              .isFalse();

          api.expect(204, "DELETE", "/v1/alerts/rules/" + id, null);
          api.expect(404, "GET", "/v1/alerts/rules/" + id, null);
        });
  }

  @Test
  void aViewerReadsTheRulesButCannotChangeThem() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          KeyedApi admin = new KeyedApi(client, adminKeyOfA);
          KeyedApi viewer = new KeyedApi(client, a.queryKey());
          String id = admin.expect(201, "POST", "/v1/alerts/rules", RULE).path("id").asText();
          assertThat(viewer.expect(200, "GET", "/v1/alerts/rules", null).path("rules"))
              .extracting(r -> r.path("id").asText())
              .contains(id);
          viewer.expect(200, "GET", "/v1/alerts/rules/" + id + "/history", null);
          viewer.expect(200, "POST", "/v1/alerts/preview", RULE);

          JsonNode refused = viewer.expect(403, "POST", "/v1/alerts/rules", RULE);
          assertThat(refused.path("error").asText()).isEqualTo("forbidden");
          assertThat(refused.at("/detail/requiredRole").asText()).isEqualTo("editor");
          assertThat(refused.at("/detail/role").asText()).isEqualTo("viewer");
          viewer.expect(403, "PUT", "/v1/alerts/rules/" + id, RULE.replace("10}", "20}"));
          viewer.expect(403, "POST", "/v1/alerts/rules/" + id + "/disable", null);
          viewer.expect(403, "DELETE", "/v1/alerts/rules/" + id, null);
          viewer.expect(
              403,
              "POST",
              "/v1/alerts/silences",
              "{\"ruleId\": \"" + id + "\", \"durationSeconds\": 60}");
          JsonNode receiver =
              viewer.expect(
                  403,
                  "POST",
                  "/v1/alerts/receivers",
                  "{\"name\": \"hook\", \"kind\": \"webhook\", \"target\": \"http://127.0.0.1:9/\"}");
          assertThat(receiver.at("/detail/requiredRole").asText()).isEqualTo("admin");

          JsonNode unchanged = admin.expect(200, "GET", "/v1/alerts/rules/" + id, null);
          assertThat(unchanged.path("version").asLong()).isEqualTo(1);
          assertThat(unchanged.path("enabled").asBoolean()).isTrue();
          admin.expect(204, "DELETE", "/v1/alerts/rules/" + id, null);
        });
  }

  @Test
  void aBadRuleIs400NamingTheField() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          KeyedApi api = new KeyedApi(client, adminKeyOfA);
          JsonNode error =
              api.expect(
                  400,
                  "POST",
                  "/v1/alerts/rules",
                  RULE.replace("\"window_seconds\": 300", "\"window_seconds\": 0"));
          assertThat(error.path("error").asText()).isEqualTo("invalid_body");
          assertThat(error.at("/detail/field").asText()).isEqualTo("definition.window_seconds");
          // A receiver of another project (or none at all) is refused by index.
          JsonNode receiver =
              api.expect(
                  400,
                  "POST",
                  "/v1/alerts/rules",
                  RULE.substring(0, RULE.length() - 1)
                      + ", \"receivers\": [\""
                      + UUID.randomUUID()
                      + "\"]}");
          assertThat(receiver.at("/detail/field").asText()).isEqualTo("receivers[0]");
          assertThat(receiver.path("error").asText()).isEqualTo("invalid_body");
        });
  }

  @Test
  void historyAndFiringComeFromTheJobsTableAndStayInTheirProject() throws Exception {
    JavalinTest.test(
        app(),
        (server, client) -> {
          KeyedApi api = new KeyedApi(client, adminKeyOfA);
          KeyedApi other = new KeyedApi(client, adminKeyOfB);
          String id = api.expect(201, "POST", "/v1/alerts/rules", RULE).path("id").asText();
          Instant t = Instant.now().minusSeconds(120);
          history(a.id(), id, "fp-1", "pending", t, 1);
          history(a.id(), id, "fp-1", "firing", t.plusSeconds(60), 2);
          history(a.id(), id, "fp-2", "firing", t.plusSeconds(10), 1);
          history(a.id(), id, "fp-2", "resolved", t.plusSeconds(70), 2);

          JsonNode rows = api.expect(200, "GET", "/v1/alerts/rules/" + id + "/history", null);
          assertThat(rows.path("alerts"))
              .extracting(r -> r.path("state").asText())
              .containsExactly("resolved", "firing", "firing", "pending");
          JsonNode firing = api.expect(200, "GET", "/v1/alerts/firing", null).path("alerts");
          assertThat(firing).hasSize(1);
          assertThat(firing.get(0).path("fingerprint").asText()).isEqualTo("fp-1");
          assertThat(firing.get(0).path("ruleName").asText()).isEqualTo("card declines");
          assertThat(firing.get(0).path("severity").asText()).isEqualTo("critical");

          assertThat(other.expect(200, "GET", "/v1/alerts/firing", null).path("alerts")).isEmpty();
        });
  }

  @Test
  void silencesAreCreatedListedAndExpiredPerProject() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          KeyedApi api = new KeyedApi(client, adminKeyOfA);
          KeyedApi other = new KeyedApi(client, adminKeyOfB);
          String ruleId = api.expect(201, "POST", "/v1/alerts/rules", RULE).path("id").asText();
          JsonNode silence =
              api.expect(
                  201,
                  "POST",
                  "/v1/alerts/silences",
                  "{\"ruleId\": \""
                      + ruleId
                      + "\", \"matchers\": {\"team\": \"payments\"}, \"durationSeconds\": 3600,"
                      + " \"createdBy\": \"ana\", \"comment\": \"deploy\"}");
          String id = silence.path("id").asText();
          assertThat(silence.path("active").asBoolean()).isTrue();
          assertThat(api.expect(200, "GET", "/v1/alerts/silences", null).path("silences"))
              .extracting(s -> s.path("id").asText())
              .contains(id);
          assertThat(other.expect(200, "GET", "/v1/alerts/silences", null).path("silences"))
              .isEmpty();
          other.expect(404, "POST", "/v1/alerts/silences/" + id + "/expire", null);
          // A silence of another project's rule is refused as an unknown rule.
          JsonNode refused =
              other.expect(
                  400,
                  "POST",
                  "/v1/alerts/silences",
                  "{\"ruleId\": \"" + ruleId + "\", \"durationSeconds\": 60}");
          assertThat(refused.at("/detail/field").asText()).isEqualTo("ruleId");

          JsonNode expired = api.expect(200, "POST", "/v1/alerts/silences/" + id + "/expire", null);
          assertThat(expired.path("active").asBoolean()).isFalse();
          assertThat(api.expect(200, "GET", "/v1/alerts/silences", null).path("silences"))
              .extracting(s -> s.path("id").asText())
              .doesNotContain(id);
          assertThat(
                  api.expect(200, "GET", "/v1/alerts/silences?expired=true", null).path("silences"))
              .extracting(s -> s.path("id").asText())
              .contains(id);
        });
  }

  @Test
  void receiversAreCreatedListedWithoutSecretsAndTestSentSigned() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          KeyedApi api = new KeyedApi(client, adminKeyOfA);
          KeyedApi other = new KeyedApi(client, adminKeyOfB);
          JsonNode created =
              api.expect(
                  201,
                  "POST",
                  "/v1/alerts/receivers",
                  "{\"name\": \"ops hook\", \"kind\": \"webhook\", \"target\": \""
                      + webhooks.url("/api-test")
                      + "\"}");
          String id = created.path("id").asText();
          String secret = created.path("secret").asText();
          assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
          JsonNode listed = api.expect(200, "GET", "/v1/alerts/receivers", null).path("receivers");
          assertThat(listed).extracting(r -> r.path("id").asText()).contains(id);
          assertThat(listed.toString()).doesNotContain(secret);
          assertThat(other.expect(200, "GET", "/v1/alerts/receivers", null).path("receivers"))
              .isEmpty();
          other.expect(404, "POST", "/v1/alerts/receivers/" + id + "/test", null);

          JsonNode test = api.expect(200, "POST", "/v1/alerts/receivers/" + id + "/test", null);
          assertThat(test.path("delivered").asBoolean()).isTrue();
          LocalWebhookReceiver.Received request = webhooks.received("/api-test").get(0);
          long timestamp = Long.parseLong(request.header(WebhookSignature.TIMESTAMP_HEADER));
          assertThat(
                  WebhookSignature.verify(
                      secret,
                      timestamp,
                      request.body(),
                      request.header(WebhookSignature.SIGNATURE_HEADER)))
              .isTrue();

          webhooks.script("/api-refuses", n -> 410);
          String refusing =
              api.expect(
                      201,
                      "POST",
                      "/v1/alerts/receivers",
                      "{\"name\": \"gone\", \"kind\": \"slack\", \"target\": \""
                          + webhooks.url("/api-refuses")
                          + "\"}")
                  .path("id")
                  .asText();
          JsonNode failed =
              api.expect(200, "POST", "/v1/alerts/receivers/" + refusing + "/test", null);
          assertThat(failed.path("delivered").asBoolean()).isFalse();
          assertThat(failed.path("error").asText()).contains("410");
        });
  }

  @Test
  void deadLettersOfNotificationsAreListedToTheirProjectOnly() {
    NotificationStore store = new NotificationStore(database::openConnection);
    Receiver receiver =
        store.create(
            a.id(),
            new NotificationStore.NewReceiver(
                "down", ReceiverKind.WEBHOOK, "http://127.0.0.1:9/", "", "0123456789abcdef"));
    String key = a.id() + "/" + UUID.randomUUID() + "/fp/1";
    store.recordFailure(receiver, UUID.randomUUID(), key, "firing", 6, "answered 500", "{}");
    JavalinTest.test(
        app(),
        (server, client) -> {
          JsonNode failures =
              new KeyedApi(client, adminKeyOfA).expect(200, "GET", "/v1/alerts/failures", null);
          assertThat(failures.path("failures"))
              .anySatisfy(
                  f -> {
                    assertThat(f.path("idempotencyKey").asText()).isEqualTo(key);
                    assertThat(f.path("receiverName").asText()).isEqualTo("down");
                    assertThat(f.path("attempts").asInt()).isEqualTo(6);
                  });
          assertThat(
                  new KeyedApi(client, adminKeyOfB)
                      .expect(200, "GET", "/v1/alerts/failures", null)
                      .path("failures"))
              .isEmpty();
        });
  }

  @Test
  void thePreviewShowsWhenARuleWouldHaveFiredOverTheLastDay() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          KeyedApi api = new KeyedApi(client, adminKeyOfB);
          // B has no events: an absence rule fires once its window has passed and stays firing.
          JsonNode preview =
              api.expect(
                  200,
                  "POST",
                  "/v1/alerts/preview",
                  "{\"name\": \"heartbeat\", \"kind\": \"absence\", \"definition\":"
                      + " {\"filter\": {\"service\": \"cron\"}, \"window_seconds\": 600}}");
          assertThat(preview.path("points").size()).isBetween(1440, 1442);
          assertThat(preview.path("episodes")).hasSize(1);
          assertThat(preview.path("firingAtEnd").asBoolean()).isTrue();
          // A count rule over no events never fires.
          JsonNode quiet = api.expect(200, "POST", "/v1/alerts/preview", RULE);
          assertThat(quiet.path("episodes")).isEmpty();
          assertThat(quiet.path("points"))
              .allSatisfy(p -> assertThat(p.path("value").asDouble()).isZero());
        });
  }

  private void history(
      String project, String ruleId, String fingerprint, String state, Instant at, long sequence)
      throws Exception {
    try (Connection c = database.openConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO alert_history (project_id, rule_id, fingerprint, state, value, at,"
                    + " labels, summary, idempotency_key)"
                    + " VALUES (?, ?, ?, ?, 12, ?, CAST('{\"team\": \"payments\"}' AS JSONB), ?, ?)")) {
      insert.setString(1, project);
      insert.setObject(2, UUID.fromString(ruleId));
      insert.setString(3, fingerprint);
      insert.setString(4, state);
      insert.setTimestamp(5, Timestamp.from(at));
      insert.setString(6, "12 declines");
      insert.setString(7, project + "/" + ruleId + "/" + fingerprint + "/" + sequence);
      insert.executeUpdate();
    }
  }

  /** JSON calls with a key. */
}
