package io.devlogs.query.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.ClickHouseKeys;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes test rows straight into {@code devlogs.events} over ClickHouse's HTTP interface as the
 * writer, the job's user ({@code clickhouse.user}); the server comes from {@code clickhouse.url},
 * the same setting the query service reads.
 */
public final class ClickHouseRows {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CLICKHOUSE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final URI endpoint;
  private final String authorization;
  private final HttpClient http = HttpClient.newHttpClient();

  public ClickHouseRows(Settings settings) {
    URI base = URI.create(settings.get(ClickHouseKeys.URL).substring("jdbc:".length()));
    String user = settings.get(ClickHouseKeys.USER);
    String password = settings.get(ClickHouseKeys.PASSWORD);
    endpoint = URI.create("http://" + base.getHost() + ":" + base.getPort() + "/");
    authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Inserts the events in one INSERT (one part). */
  public void insert(List<EventRow> rows) {
    insert("devlogs.events", rows.stream().map(ClickHouseRows::columns).toList());
  }

  /** Inserts {@code rows} (column name to value) into {@code table} in one INSERT. */
  public void insert(String table, List<Map<String, Object>> rows) {
    StringBuilder body = new StringBuilder();
    for (Map<String, Object> row : rows) {
      try {
        body.append(JSON.writeValueAsString(row)).append('\n');
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    HttpResponse<String> response =
        post("INSERT INTO " + table + " FORMAT JSONEachRow", body.toString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("ClickHouse insert failed: " + response.body());
    }
  }

  /** Runs a statement and returns its TSV answer, e.g. for counting rows in a test. */
  public String query(String sql) {
    HttpResponse<String> response = post(sql + " FORMAT TSV", "");
    if (response.statusCode() != 200) {
      throw new IllegalStateException("ClickHouse query failed: " + response.body());
    }
    return response.body();
  }

  private HttpResponse<String> post(String query, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(
                endpoint.resolve("?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("ClickHouse at " + endpoint + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Map<String, Object> columns(EventRow row) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("project", row.projectId());
    json.put("ts", CLICKHOUSE_TIME.format(row.timestamp()));
    json.put("ts_nanos", row.timestamp().getNano());
    json.put("event_id", row.id());
    json.put("level", row.level());
    json.put("service", row.service());
    json.put("stream", row.stream());
    json.put("message", row.message());
    List<String> keys = new ArrayList<>(row.attributes().keySet());
    json.put("attr_keys", keys);
    json.put("attr_values", keys.stream().map(row.attributes()::get).toList());
    json.put("received_at", CLICKHOUSE_TIME.format(row.timestamp()));
    return json;
  }
}
