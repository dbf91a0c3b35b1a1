package io.devlogs.query.logs;

import static io.devlogs.query.support.QueryApi.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.query.support.IngestApi;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.query.support.QueryApi;
import io.devlogs.query.support.TestProject;
import io.devlogs.settings.Settings;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.devlogs.testing.Poll;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Events posted to the running ingest service, carried by Kafka and the running Flink job into
 * ClickHouse, are found by search, facets, histogram and event-by-id.
 */
@ExtendWith(LocalStackExtension.class)
class SearchThroughPipelineIT {
  private final LocalStack stack;
  private final Settings settings;

  SearchThroughPipelineIT(LocalStack stack) {
    this.stack = stack;
    this.settings = stack.settings();
  }

  @Test
  void postedEventsAreSearchableSecondsLater() throws Exception {
    String token = "pipe" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    ProjectsDatabase database = ProjectsDatabase.connect(settings);
    try {
      TestProject project = TestProject.create(database, stack.uniqueName("it-search-pipeline"));
      String body =
          "{\"level\":\"error\",\"service\":\"checkout\",\"stream\":\"s-"
              + token
              + "\",\"msg\":\"card declined "
              + token
              + "\",\"order\":{\"id\":\"17\"}}\n"
              + "{\"level\":\"info\",\"service\":\"checkout\",\"msg\":\"retry ok "
              + token
              + "\"}\n"
              + "{\"level\":\"warn\",\"service\":\"cart\",\"msg\":\"slow "
              + token
              + "\"}\n";
      IngestApi.post(stack, project.ingestKey(), body);

      JavalinTest.test(
          LocalQueryApp.create(settings, new ApiKeyStore(database)),
          (server, client) -> {
            QueryApi api = new QueryApi(client, project.queryKey());
            JsonNode events =
                Poll.until(
                    Duration.ofSeconds(120),
                    () -> api.ok("/v1/logs?q=" + enc(token)).path("events"),
                    found -> found.size() == 3,
                    "the 3 posted events in search");
            JsonNode declined =
                api.ok("/v1/logs?q=" + enc("DECLINED " + token) + "&attr.order.id=17&level=error")
                    .path("events");
            assertThat(declined).hasSize(1);
            JsonNode event = declined.get(0);
            assertThat(event.path("service").asText()).isEqualTo("checkout");
            assertThat(event.path("stream").asText()).isEqualTo("s-" + token);
            assertThat(event.path("attributes").path("order.id").asText()).isEqualTo("17");

            String id = event.path("id").asText();
            JsonNode byId =
                api.ok("/v1/events/" + enc(id) + "?at=" + enc(event.path("timestamp").asText()));
            assertThat(byId.path("message").asText()).isEqualTo("card declined " + token);

            JsonNode facets = api.ok("/v1/logs/facets?q=" + enc(token) + "&level=error");
            assertThat(facets.path("levels")).hasSize(3);
            assertThat(facets.path("services").get(0).path("value").asText()).isEqualTo("checkout");
            assertThat(facets.path("services").get(0).path("count").asLong()).isEqualTo(1);

            long total = 0;
            for (JsonNode bucket : api.ok("/v1/logs/histogram?q=" + enc(token)).path("buckets")) {
              total += bucket.path("count").asLong();
            }
            assertThat(total).isEqualTo(3);
          });
    } catch (IOException e) {
      throw new IllegalStateException("ingest at " + stack.ingestUrl() + " did not answer", e);
    }
  }
}
