package io.devlogs.ingest.deadletters;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.ingest.IngestOptions;
import io.devlogs.ingest.IngestServer;
import io.devlogs.ingest.TestDeps;
import io.devlogs.ingest.admin.DeadLetterReplayApi;
import io.devlogs.ingest.kafka.KafkaEventSink;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.ClickHouseKeys;
import io.devlogs.settings.keys.EndpointKeys;
import io.devlogs.testing.Poll;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Replay end to end on the local stack: dead letters of project A (rows in ClickHouse {@code
 * dead_letters} as the job writes them, for records whose problem a fix has since removed) are
 * replayed twice through ingest's admin route (this build's ingest in the test, the stack's Kafka
 * raw topic, the stack's running job), and each replayable one is then stored exactly once in
 * ClickHouse {@code events} (counted without {@code FINAL}) and in Cassandra (read through the
 * stack's query service). Project B's admin key neither sees nor replays A's dead letters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterReplayIT {

  private static final Duration ARRIVAL = Duration.ofSeconds(180);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CLICKHOUSE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Settings settings = Settings.fromEnvironment(new String[0]);
  private final HttpClient http = HttpClient.newHttpClient();
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String stream = "replay-it-" + run;
  private final String clientId = "client-" + run;
  private ApiKeyStore keyStore;
  private Project a;
  private Project b;
  private KafkaEventSink sink;
  private Javalin app;
  private String ingestUrl;

  @BeforeAll
  void start() {
    ProjectsDatabase database = ProjectsDatabase.connect(settings);
    keyStore = new ApiKeyStore(database);
    ProjectStore projects = new ProjectStore(database);
    a = projects.createProject("replay-it-a-" + run);
    b = projects.createProject("replay-it-b-" + run);
    IngestOptions options = IngestOptions.from(settings);
    sink = KafkaEventSink.create(options.kafka());
    KeyAuthenticator keys = new KeyAuthenticator(keyStore, Duration.ofSeconds(5));
    app =
        IngestServer.createApp(
            options,
            TestDeps.of(keys::authenticate, sink)
                .withDeadLetters(new ClickHouseDeadLetterStore(options.deadLetters())));
    app.start("127.0.0.1", 0);
    ingestUrl = "http://127.0.0.1:" + app.port();

    Instant at = now.minusSeconds(120);
    List<Map<String, Object>> rows = new ArrayList<>();
    // Replayable: no key (an id derived from the record), a keyed request, a client id, text.
    rows.add(
        row(
            a,
            "dl-derived-" + run,
            at,
            "out_of_bounds",
            event("derived", null),
            "json",
            "3",
            null));
    rows.add(
        row(
            a,
            "dl-keyed-" + run,
            at.plusMillis(1),
            "refused_by_clickhouse",
            event("keyed", null),
            "json",
            "1",
            "req-" + run));
    rows.add(
        row(
            a,
            "dl-client-" + run,
            at.plusMillis(2),
            "refused_by_cassandra",
            event("client id", clientId),
            "json",
            "0",
            null));
    rows.add(
        row(
            a,
            "dl-text-" + run,
            at.plusMillis(3),
            "unparseable",
            at + " ERROR text line " + run,
            "text",
            "0",
            null));
    // Not replayable: stored already, broken for ingest too, and cut.
    rows.add(
        row(
            a,
            "dl-late-" + run,
            at.plusMillis(4),
            "too_late",
            event("late", null),
            "json",
            "0",
            null));
    rows.add(
        row(
            a,
            "dl-broken-" + run,
            at.plusMillis(5),
            "unparseable",
            "{\"msg\": broken",
            "json",
            "0",
            null));
    Map<String, Object> cut =
        row(a, "dl-cut-" + run, at.plusMillis(6), "unparseable", "{\"msg\":\"x", "json", "0", null);
    cut.put("value_truncated", 1);
    cut.put("value_bytes", 100_000);
    rows.add(cut);
    rows.add(
        row(b, "dl-b-" + run, at, "out_of_bounds", event("b secret", null), "json", "0", null));
    clickHouse("INSERT INTO devlogs.dead_letters FORMAT JSONEachRow", rows);
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.stop();
    }
    if (sink != null) {
      sink.close();
    }
  }

  @Test
  void replayingTwiceStoresEachEventOnceAndAnotherProjectCannotReplayThem() throws Exception {
    String adminA = keyStore.issueKey(a.id(), Scope.ADMIN);
    String adminB = keyStore.issueKey(b.id(), Scope.ADMIN);

    JsonNode dryRun = replay(adminA, "{\"since\": \"1h\", \"dryRun\": true}");
    assertThat(dryRun.path("selected").asInt()).isEqualTo(7);
    assertThat(dryRun.path("replayed").asInt()).isZero();
    assertThat(outcomes(dryRun))
        .containsEntry("dl-derived-" + run, "would replay")
        .containsEntry("dl-late-" + run, "skipped");

    // B's key: A's ids select nothing, and B sees only its own.
    JsonNode foreign =
        replay(
            adminB,
            "{\"since\": \"1h\", \"ids\": [\"dl-derived-" + run + "\", \"dl-keyed-" + run + "\"]}");
    assertThat(foreign.path("projectId").asText()).isEqualTo(b.id());
    assertThat(foreign.path("selected").asInt()).isZero();
    assertThat(foreign.path("replayed").asInt()).isZero();
    JsonNode ownOfB = replay(adminB, "{\"since\": \"1h\", \"dryRun\": true}");
    assertThat(outcomes(ownOfB)).containsOnlyKeys("dl-b-" + run);

    JsonNode first = replay(adminA, "{\"since\": \"1h\"}");
    JsonNode second = replay(adminA, "{\"since\": \"1h\"}");
    for (JsonNode answer : List.of(first, second)) {
      assertThat(answer.path("selected").asInt()).isEqualTo(7);
      assertThat(answer.path("replayed").asInt()).isEqualTo(4);
      assertThat(answer.path("skipped").asInt()).isEqualTo(3);
      assertThat(outcomes(answer))
          .containsEntry("dl-derived-" + run, "replayed")
          .containsEntry("dl-keyed-" + run, "replayed")
          .containsEntry("dl-client-" + run, "replayed")
          .containsEntry("dl-text-" + run, "replayed")
          .containsEntry("dl-late-" + run, "skipped")
          .containsEntry("dl-broken-" + run, "skipped")
          .containsEntry("dl-cut-" + run, "skipped");
    }

    // A marker posted after both replays, to the same partition (key = project): once the job has
    // stored it, it has read every replayed record before it.
    String ingestA = keyStore.issueKey(a.id(), Scope.INGEST);
    String marker = "marker-" + run;
    HttpResponse<String> posted =
        post(
            "/v1/logs",
            ingestA,
            "application/x-ndjson",
            "{\"id\":\"" + marker + "\",\"stream\":\"" + stream + "\",\"msg\":\"marker\"}\n");
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    Map<String, Long> stored =
        Poll.latest(ARRIVAL, this::clickHouseCountsById, ids -> ids.containsKey(marker));
    assertThat(stored).as("ClickHouse rows per event id, no FINAL").containsKey(marker);
    stored.remove(marker);
    assertThat(stored.values()).as("each replayed event once").containsOnly(1L);
    assertThat(stored).hasSize(4).containsKey(clientId);

    String queryA = keyStore.issueKey(a.id(), Scope.QUERY);
    List<String> cassandraIds =
        Poll.latest(ARRIVAL, () -> streamIds(queryA), ids -> ids.size() >= 5);
    assertThat(cassandraIds).as("Cassandra, through the query service").hasSize(5);
    assertThat(cassandraIds)
        .containsExactlyInAnyOrderElementsOf(withMarker(stored.keySet(), marker));

    // Nothing of B was replayed.
    assertThat(clickHouseCount(b.id())).isZero();
  }

  private static List<String> withMarker(Set<String> ids, String marker) {
    List<String> all = new ArrayList<>(ids);
    all.add(marker);
    return all;
  }

  private JsonNode replay(String adminKey, String body) throws Exception {
    HttpResponse<String> response =
        post(DeadLetterReplayApi.PATH, adminKey, "application/json", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static Map<String, String> outcomes(JsonNode answer) {
    Map<String, String> outcomes = new TreeMap<>();
    answer
        .path("letters")
        .forEach(l -> outcomes.put(l.path("id").asText(), l.path("outcome").asText()));
    return outcomes;
  }

  private HttpResponse<String> post(String path, String key, String type, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(ingestUrl + path))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** An event in the shape clients send, with its own time (so its id is not a Kafka position). */
  private String event(String msg, String id) {
    return "{"
        + (id == null ? "" : "\"id\":\"" + id + "\",")
        + "\"ts\":\""
        + now.minusSeconds(120)
        + "\",\"level\":\"error\",\"service\":\"replay-it\",\"stream\":\""
        + stream
        + "\",\"msg\":\""
        + msg
        + " "
        + run
        + "\"}";
  }

  private Map<String, Object> row(
      Project project,
      String id,
      Instant received,
      String cause,
      String value,
      String format,
      String index,
      String key) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("project", project.id());
    row.put("received_at", CLICKHOUSE_TIME.format(received));
    row.put("received_ms", received.toEpochMilli());
    row.put("dead_letter_id", id);
    row.put("cause", cause);
    row.put("reason", "test: " + cause);
    row.put("value", value);
    row.put("value_bytes", value.getBytes(UTF_8).length);
    row.put("value_truncated", 0);
    row.put("format", format);
    row.put("stream", stream);
    row.put("service", null);
    row.put("record_index", index);
    row.put("idempotency_key", key);
    row.put("source_topic", "devlogs-raw");
    row.put("source_partition", 0);
    row.put("source_offset", Math.abs(id.hashCode()));
    row.put("retention_days", 30);
    row.put("sink_batch", "replay-it-" + run);
    return row;
  }

  private Map<String, Long> clickHouseCountsById() {
    Map<String, Long> counts = new TreeMap<>();
    String tsv =
        clickHouse(
            "SELECT event_id, count() FROM devlogs.events WHERE project = '"
                + a.id()
                + "' GROUP BY event_id FORMAT TSV",
            List.of());
    for (String line : tsv.split("\n")) {
      if (!line.isBlank()) {
        String[] cells = line.split("\t");
        counts.put(cells[0], Long.parseLong(cells[1]));
      }
    }
    return counts;
  }

  private long clickHouseCount(String project) {
    return Long.parseLong(
        clickHouse(
                "SELECT count() FROM devlogs.events WHERE project = '" + project + "' FORMAT TSV",
                List.of())
            .strip());
  }

  private List<String> streamIds(String queryKey) throws Exception {
    String queryUrl = settings.get(EndpointKeys.QUERY_URL);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(queryUrl + "/v1/streams/" + URLEncoder.encode(stream, UTF_8)))
                .header("Authorization", "Bearer " + queryKey)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    JSON.readTree(response.body()).path("events").forEach(e -> ids.add(e.path("id").asText()));
    return ids;
  }

  /** Runs a statement as the writer user, with JSONEachRow rows as its body. */
  private String clickHouse(String sql, List<Map<String, Object>> rows) {
    URI base = URI.create(settings.get(ClickHouseKeys.URL).substring("jdbc:".length()));
    StringBuilder body = new StringBuilder();
    try {
      for (Map<String, Object> row : rows) {
        body.append(JSON.writeValueAsString(row)).append('\n');
      }
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://"
                              + base.getHost()
                              + ":"
                              + base.getPort()
                              + "/?query="
                              + URLEncoder.encode(sql, UTF_8)))
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("ClickHouse: " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
