package io.devlogs.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.bench.StreamRows;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.EndpointKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's loader against the local stack: 10,000 events loaded straight into the stores are
 * all in ClickHouse, the window rows add up to them, and the Cassandra streams hold every event of
 * their streams and read back through the query service.
 */
class QueryBenchLoadIT {

  private static final long EVENTS = 10_000;
  private static final int STREAMS = 20;
  private static final Settings SETTINGS = Settings.fromEnvironment(new String[0]);

  private static ClickHouseHttp clickHouse;
  private static StreamRows cassandra;
  private static ApiKeyStore keyStore;
  private static BenchStores stores;
  private static String project;
  private static BenchLoader.LoadFigures figures;
  private static Instant until;

  @BeforeAll
  static void load() throws Exception {
    QueryBench.closeIdleConnectionsBeforeClickHouseDoes();
    clickHouse = QueryBench.clickHouse(SETTINGS);
    cassandra = StreamRows.connect(SETTINGS);
    ProjectsDatabase database = ProjectsDatabase.connect(SETTINGS);
    keyStore = new ApiKeyStore(database);
    stores = new BenchStores(clickHouse, cassandra);
    project = new ProjectStore(database).createProject("bench-query-it-" + UUID.randomUUID()).id();
    until = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    figures =
        new BenchLoader(clickHouse, cassandra, new PrintStream(progress, true))
            .load(project, EVENTS, until, QueryBench.SPAN, 7, STREAMS);
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("10,000 rows in ClickHouse devlogs.events");
  }

  @AfterAll
  static void close() {
    cassandra.close();
  }

  @Test
  void everyEventIsInClickHouseOnceWithinTheDayBeforeTheLoad() throws Exception {
    String[] row =
        clickHouse
            .select(
                "SELECT count(), uniqExact(event_id), toUInt32(min(ts)), toUInt32(max(ts)),"
                    + " uniqExact(service), uniqExact(level), countIf(sink_batch = '"
                    + BenchLoader.SINK_BATCH
                    + "') FROM devlogs.events WHERE project = '"
                    + project
                    + "'")
            .get(0);
    assertThat(Long.parseLong(row[0])).isEqualTo(EVENTS);
    assertThat(Long.parseLong(row[1])).isEqualTo(EVENTS);
    assertThat(Long.parseLong(row[2]))
        .isGreaterThanOrEqualTo(until.minus(QueryBench.SPAN).getEpochSecond());
    assertThat(Long.parseLong(row[3])).isLessThan(until.getEpochSecond());
    assertThat(Long.parseLong(row[4])).as("services").isGreaterThanOrEqualTo(5);
    assertThat(Long.parseLong(row[5])).as("levels").isGreaterThanOrEqualTo(4);
    assertThat(Long.parseLong(row[6])).isEqualTo(EVENTS);
  }

  @Test
  void windowRowsAddUpToTheEvents() throws Exception {
    String where = " WHERE project = '" + project + "'";
    String[] windows =
        clickHouse
            .select(
                "SELECT count(), sum(events), sum(errors), sum(latency_count), max(version)"
                    + " FROM devlogs.event_windows FINAL"
                    + where)
            .get(0);
    String[] events =
        clickHouse
            .select(
                "SELECT uniqExact(service, level, toStartOfMinute(ts)),"
                    + " countIf(level IN ('ERROR', 'FATAL')), countIf(has(attr_keys, 'duration_ms'))"
                    + " FROM devlogs.events"
                    + where)
            .get(0);
    assertThat(Long.parseLong(windows[0])).isEqualTo(Long.parseLong(events[0]));
    assertThat(Long.parseLong(windows[0])).isEqualTo(figures.windowRows());
    assertThat(Long.parseLong(windows[1])).isEqualTo(EVENTS);
    assertThat(Long.parseLong(windows[2])).isEqualTo(Long.parseLong(events[1])).isPositive();
    assertThat(Long.parseLong(windows[3])).isEqualTo(Long.parseLong(events[2])).isPositive();
    assertThat(windows[4]).isEqualTo("1");
    assertThat(stores.complete(stores.present(project, STREAMS).orElseThrow(), EVENTS)).isTrue();
  }

  @Test
  void cassandraHoldsEveryEventOfTheFirstStreamsAndTheServiceReadsThem() throws Exception {
    BenchData data = stores.present(project, STREAMS).orElseThrow();
    assertThat(data.streams()).hasSize(STREAMS).isEqualTo(figures.cassandraStreams());
    String inStreams =
        String.join("', '", data.streams().stream().map(s -> s.replace("'", "\\'")).toList());
    long clickHouseRows =
        clickHouse.selectLong(
            "SELECT count() FROM devlogs.events WHERE project = '"
                + project
                + "' AND stream IN ('"
                + inStreams
                + "')");
    List<StreamRows.Partition> partitions = new ArrayList<>();
    for (String stream : data.streams()) {
      for (LocalDate day = LocalDate.ofInstant(data.from(), ZoneOffset.UTC);
          !day.isAfter(LocalDate.ofInstant(data.to(), ZoneOffset.UTC));
          day = day.plusDays(1)) {
        partitions.add(new StreamRows.Partition(stream, day));
      }
    }
    assertThat(cassandra.count(project, partitions))
        .isEqualTo(figures.cassandraRows())
        .isEqualTo(clickHouseRows);

    String stream = data.streams().get(0);
    List<String> expectedIds = new ArrayList<>();
    for (String[] row :
        clickHouse.select(
            "SELECT event_id FROM devlogs.events WHERE project = '"
                + project
                + "' AND stream = '"
                + stream.replace("'", "\\'")
                + "' ORDER BY ts, ts_nanos, event_id")) {
      expectedIds.add(row[0]);
    }
    String key = keyStore.issueKey(project, Scope.QUERY);
    String url =
        SETTINGS.get(EndpointKeys.QUERY_URL)
            + "/v1/streams/"
            + URLEncoder.encode(stream, StandardCharsets.UTF_8)
            + "?limit=5000&from="
            + data.from()
            + "&to="
            + data.to();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + key)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = new ObjectMapper().readTree(response.body());
    List<String> ids = new ArrayList<>();
    answer.get("events").forEach(e -> ids.add(e.get("id").asText()));
    assertThat(ids).isEqualTo(expectedIds).isNotEmpty();
  }
}
