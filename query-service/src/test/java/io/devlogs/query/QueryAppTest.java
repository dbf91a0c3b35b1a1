package io.devlogs.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.flink.records.Level;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.devlogs.query.filters.SearchFilters;
import io.devlogs.query.http.BackendException;
import io.devlogs.query.logs.LogSearch;
import io.devlogs.query.logs.LogSearchRequest;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.streams.StreamReader;
import io.devlogs.query.streams.StreamRequest;
import io.devlogs.query.support.TestDeps;
import io.devlogs.query.support.UnusedLogSearch;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The HTTP layer with fakes behind LogSearch, StreamReader and key lookup. */
class QueryAppTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final String KEY_A = "dl_query_AAAA";
  private static final String INGEST_KEY = "dl_ingest_AAAA";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final LogEvent EVENT =
      new LogEvent(
          "e1",
          Instant.parse("2024-05-01T11:59:00.000000042Z"),
          "ERROR",
          "api",
          "run-1",
          "boom",
          Map.of("http.status", "500"));

  private final List<String> searchedProjects = new ArrayList<>();
  private final List<LogSearchRequest> searches = new ArrayList<>();
  private final List<StreamRequest> streamReads = new ArrayList<>();
  private RuntimeException searchFailure;

  private final LogSearch fakeSearch =
      new UnusedLogSearch() {
        @Override
        public List<LogEvent> search(String projectId, LogSearchRequest request) {
          if (searchFailure != null) {
            throw searchFailure;
          }
          searchedProjects.add(projectId);
          searches.add(request);
          return List.of(EVENT);
        }
      };

  private final StreamReader fakeStreams =
      (projectId, request) -> {
        searchedProjects.add(projectId);
        streamReads.add(request);
        return List.of(EVENT);
      };

  private QueryDeps deps() {
    Map<String, ProjectKey> keys =
        Map.of(
            KEY_A, new ProjectKey("p_A", Scope.QUERY),
            INGEST_KEY, new ProjectKey("p_A", Scope.INGEST));
    return TestDeps.of(raw -> Optional.ofNullable(keys.get(raw)), Clock.fixed(NOW, ZoneOffset.UTC))
        .withLogSearch(fakeSearch)
        .withStreams(fakeStreams);
  }

  private static Response get(HttpClient client, String path, String key) {
    return client.get(
        path,
        request -> {
          if (key != null) {
            request.header("Authorization", "Bearer " + key);
          }
        });
  }

  private static JsonNode json(Response response) throws IOException {
    assertThat(response.header("Content-Type")).startsWith("application/json");
    return JSON.readTree(response.body().string());
  }

  @Test
  void healthNeedsNoKey() {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          Response response = get(client, "/healthz", null);
          assertThat(response.code()).isEqualTo(200);
          assertThat(json(response).path("status").asText()).isEqualTo("ok");
        });
  }

  @Test
  void missingUnknownAndWrongScopeKeysAreRejectedBeforeAnyQuery() {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          Response missing = get(client, "/v1/logs", null);
          assertThat(missing.code()).isEqualTo(401);
          assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
          assertThat(json(missing).path("error").asText()).isEqualTo("missing_key");

          Response unknown = get(client, "/v1/logs", "dl_query_nope");
          assertThat(unknown.code()).isEqualTo(401);
          assertThat(json(unknown).path("error").asText()).isEqualTo("invalid_key");

          Response ingest = get(client, "/v1/streams/run-1", INGEST_KEY);
          assertThat(ingest.code()).isEqualTo(403);
          JsonNode body = json(ingest);
          assertThat(body.path("error").asText()).isEqualTo("wrong_scope");
          assertThat(body.path("message").asText()).isEqualTo("this key lacks the 'query' scope");

          assertThat(searchedProjects).isEmpty();
        });
  }

  @Test
  void aLogqlQueryReachesTheSearchAndAMalformedOneIsA400WithItsPosition() {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          String logql = "{service=\"api\"} |= \"boom\" | http.status >= 500";
          Response ok =
              get(client, "/v1/logs?q=" + java.net.URLEncoder.encode(logql, "UTF-8"), KEY_A);
          assertThat(ok.code()).isEqualTo(200);
          assertThat(searches.get(0).query().filters().logql()).isPresent();
          assertThat(searches.get(0).query().filters().terms()).isEmpty();

          String bad = "{service=\"api\" |= \"boom\"";
          Response refused =
              get(client, "/v1/logs?q=" + java.net.URLEncoder.encode(bad, "UTF-8"), KEY_A);
          assertThat(refused.code()).isEqualTo(400);
          JsonNode detail = json(refused).path("detail");
          assertThat(detail.path("parameter").asText()).isEqualTo("q");
          assertThat(detail.path("offset").asInt()).isEqualTo(bad.indexOf("|="));
          assertThat(detail.path("line").asInt()).isEqualTo(1);
          assertThat(detail.path("column").asInt()).isEqualTo(bad.indexOf("|=") + 1);
          assertThat(detail.path("expected").asText()).contains("',' or '}'");

          Response metric =
              get(
                  client,
                  "/v1/logql/series?query="
                      + java.net.URLEncoder.encode("{service=\"api\"}", "UTF-8"),
                  KEY_A);
          assertThat(metric.code()).isEqualTo(400);
          assertThat(json(metric).path("message").asText()).contains("metric query");
          Response step =
              get(
                  client,
                  "/v1/logql/series?step=0.0001&query="
                      + java.net.URLEncoder.encode("rate({service=\"api\"}[1m])", "UTF-8"),
                  KEY_A);
          assertThat(step.code()).isEqualTo(400);
          assertThat(json(step).path("detail").path("parameter").asText()).isEqualTo("step");
          assertThat(searches).hasSize(1);
        });
  }

  @Test
  void searchUsesTheKeysProjectAndReturnsContractEvents() {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          Response response =
              get(client, "/v1/logs?level=error,warn&service=api&q=boom&limit=10", KEY_A);
          assertThat(response.code()).isEqualTo(200);
          JsonNode event = json(response).path("events").path(0);
          assertThat(event.path("id").asText()).isEqualTo("e1");
          assertThat(event.path("timestamp").asText()).isEqualTo("2024-05-01T11:59:00.000000042Z");
          assertThat(event.path("level").asText()).isEqualTo("ERROR");
          assertThat(event.path("service").asText()).isEqualTo("api");
          assertThat(event.path("stream").asText()).isEqualTo("run-1");
          assertThat(event.path("message").asText()).isEqualTo("boom");
          assertThat(event.path("attributes").path("http.status").asText()).isEqualTo("500");

          assertThat(searchedProjects).containsExactly("p_A");
          LogSearchRequest request = searches.get(0);
          SearchFilters filters = request.query().filters();
          assertThat(filters.levels()).containsExactlyInAnyOrder(Level.ERROR, Level.WARN);
          assertThat(filters.services()).containsExactly("api");
          assertThat(filters.terms()).containsExactly("boom");
          assertThat(request.limit()).isEqualTo(10);
          assertThat(request.query().range().to()).isEqualTo(NOW);

          Response foreignProject = get(client, "/v1/logs?project=p_B", KEY_A);
          assertThat(foreignProject.code()).isEqualTo(400);
          assertThat(json(foreignProject).path("message").asText())
              .startsWith("parameter 'project': unknown parameter");
        });
  }

  @Test
  void badParametersAre400sNamingTheParameter() {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          Response badLevel = get(client, "/v1/logs?level=LOUD", KEY_A);
          assertThat(badLevel.code()).isEqualTo(400);
          JsonNode body = json(badLevel);
          assertThat(body.path("error").asText()).isEqualTo("invalid_parameter");
          assertThat(body.path("message").asText()).startsWith("parameter 'level'");

          Response badRange =
              get(client, "/v1/logs?from=2024-05-01T10:00:00Z&to=2024-05-01T09:00:00Z", KEY_A);
          assertThat(badRange.code()).isEqualTo(400);
          assertThat(json(badRange).path("message").asText()).startsWith("parameter 'to'");

          Response badLimit = get(client, "/v1/streams/run-1?limit=0", KEY_A);
          assertThat(badLimit.code()).isEqualTo(400);
          assertThat(json(badLimit).path("message").asText()).startsWith("parameter 'limit'");

          assertThat(searches).isEmpty();
          assertThat(streamReads).isEmpty();
        });
  }

  @Test
  void streamFetchReturnsTheNameAndDecodedPath() {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          Response response = get(client, "/v1/streams/build%20%2342?limit=50", KEY_A);
          assertThat(response.code()).isEqualTo(200);
          JsonNode body = json(response);
          assertThat(body.path("stream").asText()).isEqualTo("build #42");
          assertThat(body.path("events").size()).isEqualTo(1);
          assertThat(streamReads.get(0).stream()).isEqualTo("build #42");
          assertThat(streamReads.get(0).limit()).isEqualTo(50);
          assertThat(streamReads.get(0).range().from())
              .isEqualTo(Instant.parse("2024-04-30T12:00:00Z"));
          assertThat(searchedProjects).containsExactly("p_A");
        });
  }

  @Test
  void backendFailureIs503WithoutInternals() {
    searchFailure =
        new BackendException("ClickHouse", new java.sql.SQLException("secret table detail"));
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          Response response = get(client, "/v1/logs", KEY_A);
          assertThat(response.code()).isEqualTo(503);
          JsonNode body = json(response);
          assertThat(body.path("error").asText()).isEqualTo("backend_unavailable");
          assertThat(body.toString()).doesNotContain("secret");
        });
  }

  @Test
  void unreachableKeyStoreIs503WithRetryAfter() {
    QueryDeps deps =
        TestDeps.of(
            raw -> {
              throw new IllegalStateException("connection refused");
            },
            Clock.fixed(NOW, ZoneOffset.UTC));
    JavalinTest.test(
        QueryServer.createApp(deps),
        (server, client) -> {
          Response response = get(client, "/v1/logs", KEY_A);
          assertThat(response.code()).isEqualTo(503);
          assertThat(response.header("Retry-After")).isEqualTo("5");
          JsonNode body = json(response);
          assertThat(body.path("error").asText()).isEqualTo("backend_unavailable");
          assertThat(body.path("detail").path("backend").asText()).isEqualTo("postgresql");
          assertThat(searchedProjects).isEmpty();
        });
  }

  @Test
  void unknownApiPathIsAJson404() {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          Response response = get(client, "/v1/nope", KEY_A);
          assertThat(response.code()).isEqualTo(404);
          assertThat(json(response).path("error").asText()).isEqualTo("not_found");
        });
  }
}
