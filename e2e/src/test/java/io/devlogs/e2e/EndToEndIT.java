package io.devlogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.Poll;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A known set of log events, posted over HTTP, travels through Kafka and the Flink job on the local
 * Flink cluster into ClickHouse and Cassandra, and comes back out of the query service: exactly
 * that set, and only to the project that sent it. Needs the stack of {@code bin/devlogs up}.
 */
class EndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(120);

  private static final LocalStack STACK = LocalStack.fromEnvironment();
  private static final Settings SETTINGS = STACK.settings();
  private static final DevlogsHttp HTTP = new DevlogsHttp(STACK);

  private static String ingestKey;
  private static String queryKey;
  private static String otherProjectQueryKey;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String stream = "e2e-run-" + run;
  private final Instant base = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);

  @BeforeAll
  static void createProjects() {
    ProjectsDatabase database = ProjectsDatabase.connect(SETTINGS);
    ProjectStore projects = new ProjectStore(database);
    ApiKeyStore keyStore = new ApiKeyStore(database);
    String name = STACK.uniqueName("e2e");
    Project project = projects.createProject(name);
    ingestKey = keyStore.issueKey(project.id(), Scope.INGEST);
    queryKey = keyStore.issueKey(project.id(), Scope.QUERY);
    Project other = projects.createProject(name + "-other");
    otherProjectQueryKey = keyStore.issueKey(other.id(), Scope.QUERY);
  }

  @Test
  void postedEventsComeBackFromClickHouseAndTheirStreamFromCassandra() {
    List<ObjectNode> sent = events();
    DevlogsHttp.Reply posted = HTTP.postNdjson(ingestKey, ndjson(sent));
    assertThat(posted.status()).as("ingest answer %s", posted.body()).isEqualTo(200);
    assertThat(posted.body().get("accepted").asInt()).isEqualTo(sent.size());

    Set<String> sentIds = sent.stream().map(e -> e.get("id").asText()).collect(Collectors.toSet());
    JsonNode found =
        Poll.until(
            ARRIVAL_TIMEOUT,
            () -> search(queryKey, Map.of("q", run)),
            events -> ids(events).containsAll(sentIds),
            "all " + sent.size() + " events in search");
    assertThat(idList(found))
        .as("exactly the events sent, each once")
        .containsExactlyInAnyOrderElementsOf(sentIds);
    assertNewestFirst(found);
    assertTypedFieldsOf(eventWithId(found, "e2e-" + run + "-4"));

    assertThat(ids(search(queryKey, Map.of("q", run, "level", "ERROR"))))
        .containsExactlyInAnyOrder("e2e-" + run + "-4", "e2e-" + run + "-9");
    assertThat(ids(search(queryKey, Map.of("q", run, "service", "payments")))).hasSize(6);
    assertThat(ids(search(queryKey, Map.of("q", run.toUpperCase() + " PAYMENT FAILED"))))
        .containsExactly("e2e-" + run + "-4");

    JsonNode streamEvents =
        Poll.until(
            ARRIVAL_TIMEOUT,
            () -> HTTP.query(queryKey, "/v1/streams/" + stream, window()).body().get("events"),
            events -> events.size() >= sent.size(),
            "the stream " + stream + " from Cassandra");
    assertThat(idList(streamEvents))
        .as("the stream, once each, in time order")
        .containsExactlyElementsOf(
            sent.stream().map(e -> e.get("id").asText()).collect(Collectors.toList()));
  }

  @Test
  void anotherProjectsKeySeesNothingOfThisProject() {
    List<ObjectNode> sent = events();
    assertThat(HTTP.postNdjson(ingestKey, ndjson(sent)).status()).isEqualTo(200);
    Poll.until(
        ARRIVAL_TIMEOUT,
        () -> search(queryKey, Map.of("q", run)),
        events -> events.size() == sent.size(),
        "the events to arrive for their own project");

    assertThat(search(otherProjectQueryKey, Map.of("q", run))).isEmpty();
    assertThat(search(otherProjectQueryKey, Map.of())).isEmpty();
    DevlogsHttp.Reply stream =
        HTTP.query(otherProjectQueryKey, "/v1/streams/" + this.stream, window());
    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.body().get("events")).isEmpty();
  }

  @Test
  void keysAreCheckedAtBothDoors() {
    assertThat(HTTP.postNdjson("dl_ingest_not-a-real-key", "{\"msg\":\"x\"}\n").status())
        .isEqualTo(401);
    assertThat(HTTP.postNdjson(queryKey, "{\"msg\":\"x\"}\n").status())
        .as("a query key cannot ingest")
        .isEqualTo(403);
    assertThat(HTTP.query("dl_query_not-a-real-key", "/v1/logs", Map.of()).status()).isEqualTo(401);
    assertThat(HTTP.query(ingestKey, "/v1/logs", Map.of()).status())
        .as("an ingest key cannot query")
        .isEqualTo(403);
  }

  /** Twelve events over two services; events 4 and 9 are errors, 4 with a stack trace. */
  private List<ObjectNode> events() {
    List<ObjectNode> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ObjectNode event = JSON.createObjectNode();
      event.put("id", "e2e-" + run + "-" + i);
      // Offsets other than UTC must be normalised by the pipeline.
      event.put("ts", base.plusMillis(100L * i).atOffset(ZoneOffset.ofHours(2)).toString());
      event.put("level", i == 4 || i == 9 ? "error" : i % 3 == 0 ? "warn" : "info");
      event.put("service", i % 2 == 0 ? "payments" : "checkout");
      event.put("stream", stream);
      event.put("msg", "e2e " + run + " step " + i);
      event.putObject("http").put("status", i == 4 ? 502 : 200).put("method", "POST");
      events.add(event);
    }
    events
        .get(4)
        .put(
            "msg",
            "e2e "
                + run
                + " payment failed: card declined\n"
                + "java.lang.IllegalStateException: card declined\n"
                + "\tat io.shop.Payments.charge(Payments.java:42)\n"
                + "\tat io.shop.Checkout.submit(Checkout.java:17)");
    return events;
  }

  private void assertTypedFieldsOf(JsonNode event) {
    assertThat(event.get("level").asText()).isEqualTo("ERROR");
    assertThat(event.get("service").asText()).isEqualTo("payments");
    assertThat(event.get("stream").asText()).isEqualTo(stream);
    assertThat(event.get("message").asText()).contains("card declined\njava.lang.Illegal");
    assertThat(Instant.parse(event.get("timestamp").asText())).isEqualTo(base.plusMillis(400));
    assertThat(event.get("attributes").get("http.status").asText()).isEqualTo("502");
    assertThat(event.get("attributes").get("http.method").asText()).isEqualTo("POST");
  }

  private static void assertNewestFirst(JsonNode events) {
    List<Instant> times = new ArrayList<>();
    events.forEach(e -> times.add(Instant.parse(e.get("timestamp").asText())));
    List<Instant> sorted = new ArrayList<>(times);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertThat(times).isEqualTo(sorted);
  }

  private Map<String, String> window() {
    Map<String, String> window = new LinkedHashMap<>();
    window.put("from", base.minus(Duration.ofMinutes(5)).toString());
    window.put("to", base.plus(Duration.ofMinutes(5)).toString());
    window.put("limit", "1000");
    return window;
  }

  private JsonNode search(String key, Map<String, String> filters) {
    Map<String, String> parameters = window();
    parameters.putAll(filters);
    DevlogsHttp.Reply reply = HTTP.query(key, "/v1/logs", parameters);
    assertThat(reply.status()).as("search answer %s", reply.body()).isEqualTo(200);
    return reply.body().get("events");
  }

  private static JsonNode eventWithId(JsonNode events, String id) {
    return StreamSupport.stream(events.spliterator(), false)
        .filter(e -> e.get("id").asText().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event " + id + " in " + events));
  }

  private static Set<String> ids(JsonNode events) {
    return Set.copyOf(idList(events));
  }

  private static List<String> idList(JsonNode events) {
    List<String> ids = new ArrayList<>();
    events.forEach(e -> ids.add(e.get("id").asText()));
    return ids;
  }

  private static String ndjson(List<ObjectNode> events) {
    return events.stream().map(ObjectNode::toString).collect(Collectors.joining("\n", "", "\n"));
  }
}
