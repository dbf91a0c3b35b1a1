package io.devlogs.query.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.http.Readiness;
import io.devlogs.ops.health.PipelineProbe;
import io.devlogs.query.QueryOptions;
import io.devlogs.query.QueryServer;
import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.deadletters.ClickHouseDeadLetters;
import io.devlogs.query.support.ClickHouseRows;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.query.support.QueryApi;
import io.devlogs.query.support.TestProject;
import io.devlogs.query.support.TestProjects;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.EndpointKeys;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /v1/status} and {@code /readyz} against the real engines: the stack's ClickHouse,
 * PostgreSQL and Kafka, and its Flink JobManager (the job RUNNING) or an address where no
 * JobManager listens (the JobManager down). The stack's job is never stopped here; the end-to-end
 * {@code PipelineDownIT} stops it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class StatusIT {
  private static final DateTimeFormatter CLICKHOUSE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final LocalStack stack;
  private final TestProjects projects;
  private final ClickHouseRows clickHouse;

  StatusIT(LocalStack stack) {
    this.stack = stack;
    this.projects = new TestProjects(stack);
    this.clickHouse = new ClickHouseRows(stack.settings());
  }

  @Test
  void aProjectWithARecentEventIsOkWhileTheJobRunsAndKeepsUp() {
    TestProject project = projects.create("it-status-fresh");
    Instant received = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
    Instant time = received.minusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
    clickHouse.insert("devlogs.events", List.of(event(project.id(), time, received)));
    clickHouse.insert("devlogs.dead_letters", List.of(deadLetter(project.id(), received)));

    withStatus(
        stack.settings(),
        project,
        api -> {
          JsonNode status = api.ok("/v1/status");
          assertThat(status.path("verdict").asText())
              .as("the stack's job runs: %s", status)
              .isEqualTo("ok");
          assertThat(Instant.parse(status.path("newestEvent").path("time").asText()))
              .isEqualTo(time);
          assertThat(Instant.parse(status.path("newestEvent").path("receivedAt").asText()))
              .isEqualTo(received);
          assertThat(status.path("freshnessSeconds").asDouble()).isBetween(19.0, 120.0);
          assertThat(status.path("job").path("state").asText()).isEqualTo("RUNNING");
          assertThat(status.path("job").path("name").asText()).isEqualTo("devlogs-log-pipeline");
          assertThat(status.path("job").path("lastCheckpointAgeSeconds").asDouble())
              .isBetween(0.0, 60.0);
          assertThat(status.path("consumerLag").path("events").isIntegralNumber()).isTrue();
          assertThat(status.path("consumerLag").path("seconds").asDouble()).isBetween(0.0, 60.0);
          assertThat(status.path("deadLettersLastHour").asLong()).isEqualTo(1);
          assertThat(status.path("problems")).isEmpty();
        });
  }

  @Test
  void aProjectWithoutEventsIsStaleAndNeverSeesAnotherProjectsEvents() {
    TestProject other = projects.create("it-status-other");
    TestProject quiet = projects.create("it-status-quiet");
    Instant now = Instant.now();
    clickHouse.insert("devlogs.events", List.of(event(other.id(), now.minusSeconds(5), now)));

    withStatus(
        stack.settings(),
        quiet,
        api -> {
          JsonNode status = api.ok("/v1/status");
          assertThat(status.path("verdict").asText()).isEqualTo("stale");
          assertThat(status.path("reason").asText()).contains("no event of this project");
          assertThat(status.path("newestEvent").isNull()).isTrue();
          assertThat(status.path("freshnessSeconds").isNull()).isTrue();
          assertThat(status.path("deadLettersLastHour").asLong()).isZero();
        });
  }

  @Test
  void withTheJobManagerDownTheStatusSaysDownAndWhy() throws IOException {
    TestProject project = projects.create("it-status-down");
    Instant now = Instant.now();
    clickHouse.insert("devlogs.events", List.of(event(project.id(), now.minusSeconds(2), now)));
    Settings noJobManager =
        Settings.fromEnvironment(
            new String[] {"--" + EndpointKeys.FLINK_REST_URL.key() + "=" + nothingListens()});

    withStatus(
        noJobManager,
        project,
        api -> {
          JsonNode status = api.ok("/v1/status");
          assertThat(status.path("verdict").asText()).isEqualTo("down");
          assertThat(status.path("reason").asText()).contains("JobManager did not answer");
          assertThat(status.path("job").path("state").asText()).isEqualTo("UNREACHABLE");
          assertThat(status.path("job").path("lastCheckpointAgeSeconds").isNull()).isTrue();
          assertThat(status.path("problems").toString()).contains("Flink REST");
          // Kafka still answers: the lag is measured whatever Flink says.
          assertThat(status.path("consumerLag").path("events").isIntegralNumber()).isTrue();
          assertThat(status.path("newestEvent").isObject()).isTrue();
        });
  }

  @Test
  void unknownParametersAreRefused() {
    TestProject project = projects.create("it-status-params");
    withStatus(
        stack.settings(),
        project,
        api ->
            assertThat(api.expect(400, "/v1/status?verdict=ok").path("error").asText())
                .isEqualTo("invalid_parameter"));
  }

  @Test
  void readinessNeedsClickHouseAndPostgres() throws IOException {
    Settings settings = stack.settings();
    QueryOptions options = QueryOptions.from(settings);
    Readiness ready =
        QueryServer.readiness(reader(options.clickhouseUrl(), options), projects.keyStore());
    JavalinTest.test(
        QueryServer.createApp(
            LocalQueryApp.deps(settings, projects.keyStore()).withReadiness(ready)),
        (server, client) -> {
          var answer = client.get("/readyz");
          assertThat(answer.code()).isEqualTo(200);
          assertThat(answer.body().string())
              .contains("\"clickhouse\":\"ok\"", "\"keyStore\":\"ok\"");
        });

    String deadClickHouse = "jdbc:clickhouse://127.0.0.1:" + nothingListens().split(":")[2];
    Readiness notReady =
        QueryServer.readiness(reader(deadClickHouse, options), projects.keyStore());
    JavalinTest.test(
        QueryServer.createApp(
            LocalQueryApp.deps(settings, projects.keyStore()).withReadiness(notReady)),
        (server, client) -> {
          var answer = client.get("/readyz");
          assertThat(answer.code()).isEqualTo(503);
          assertThat(answer.header("Retry-After")).isNotNull();
          String body = answer.body().string();
          assertThat(body).contains("not ready", "\"keyStore\":\"ok\"");
          assertThat(body).doesNotContain("\"clickhouse\":\"ok\"");
        });
  }

  private static ClickHouseReader reader(String url, QueryOptions options) {
    return new ClickHouseReader(
        ClickHouseReader.dataSource(
            url,
            options.clickhouseUser(),
            options.clickhousePassword(),
            options.clickhouseLimits()),
        options.clickhouseLimits());
  }

  /** The app of {@link LocalQueryApp} with the status of the real probe over these settings. */
  private void withStatus(Settings settings, TestProject project, Consumer<QueryApi> test) {
    QueryOptions options = QueryOptions.from(stack.settings());
    ClickHouseReader reader = reader(options.clickhouseUrl(), options);
    try (PipelineProbe probe = PipelineProbe.fromSettings(settings, Duration.ofSeconds(2));
        CachedPipelineHealth pipeline =
            new CachedPipelineHealth(probe::probe, Duration.ofSeconds(5))) {
      ProjectStatuses statuses =
          new ProjectStatuses(
              pipeline,
              new ClickHouseProjectFreshness(reader),
              new ClickHouseDeadLetters(reader),
              StatusBounds.from(settings),
              Clock.systemUTC());
      Javalin app =
          QueryServer.createApp(
              LocalQueryApp.deps(stack.settings(), projects.keyStore()).withStatus(statuses));
      JavalinTest.test(
          app, (server, client) -> test.accept(new QueryApi(client, project.queryKey())));
    }
  }

  /** A base URL on 127.0.0.1 where nothing listens (a port just released). */
  private static String nothingListens() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  private static Map<String, Object> event(String project, Instant time, Instant received) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("project", project);
    row.put("ts", CLICKHOUSE_TIME.format(time));
    row.put("ts_nanos", time.getNano());
    row.put("event_id", UUID.randomUUID().toString());
    row.put("level", "INFO");
    row.put("service", "status-it");
    row.put("stream", "");
    row.put("message", "fresh");
    row.put("received_at", CLICKHOUSE_TIME.format(received));
    row.put("received_ms", received.toEpochMilli());
    row.put("retention_days", 7);
    return row;
  }

  private static Map<String, Object> deadLetter(String project, Instant received) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("project", project);
    row.put("received_at", CLICKHOUSE_TIME.format(received));
    row.put("received_ms", received.toEpochMilli());
    row.put("dead_letter_id", UUID.randomUUID().toString());
    row.put("cause", "unparseable");
    row.put("reason", "invalid JSON");
    row.put("value", "{broken");
    row.put("value_bytes", 7);
    row.put("source_topic", "devlogs-raw");
    row.put("source_partition", 0);
    row.put("source_offset", 1);
    row.put("retention_days", 30);
    return row;
  }
}
