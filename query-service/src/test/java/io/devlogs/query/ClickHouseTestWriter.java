package io.devlogs.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.settings.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes test rows into the real ClickHouse over HTTP ({@code JSONEachRow}) as the writer user
 * ({@code default}, or DEVLOGS_IT_CLICKHOUSE_WRITER_USER/PASSWORD if set): the query service itself
 * only reads.
 */
public final class ClickHouseTestWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String authorization;

  public ClickHouseTestWriter(Settings settings) {
    URI jdbc = URI.create(QueryOptions.from(settings).clickhouseUrl().substring("jdbc:".length()));
    this.base = URI.create("http://" + jdbc.getHost() + ":" + jdbc.getPort() + "/");
    String user = settings.get("it.clickhouse-writer.user", "default");
    String password = settings.get("it.clickhouse-writer.password", "");
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Inserts {@code rows} (column name to value) into {@code table}, e.g. devlogs.events. */
  public void insert(String table, List<Map<String, Object>> rows)
      throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder();
    for (Map<String, Object> row : rows) {
      body.append(JSON.writeValueAsString(row)).append('\n');
    }
    String query = "INSERT INTO " + table + " FORMAT JSONEachRow";
    HttpRequest request =
        HttpRequest.newBuilder(
                base.resolve("?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("ClickHouse insert: %s", response.body()).isEqualTo(200);
  }
}
