package io.devlogs.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.query.QueryOptions;
import io.devlogs.settings.Settings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Writes rows of ClickHouse {@code recorded_minutes} as the job's sink writes them. */
public final class RecordedMinuteRows {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Settings settings;

  public RecordedMinuteRows(Settings settings) {
    this.settings = settings;
  }

  /** One row; {@code p50} and {@code p90} as given, {@code p99} as {@code p90}. */
  public void insert(
      String project,
      String rule,
      Instant minute,
      String group,
      int other,
      long events,
      long values,
      double sum,
      double min,
      double max,
      double p50,
      double p90,
      long version)
      throws Exception {
    String row =
        JSON.createObjectNode()
            .put("project", project)
            .put("rule_id", rule)
            .put("minute", minute.toString().replace("T", " ").replace("Z", ""))
            .put("group_key", group)
            .put("other", other)
            .put("events", events)
            .put("value_count", values)
            .put("value_sum", sum)
            .put("value_min", min)
            .put("value_max", max)
            .put("value_p50", p50)
            .put("value_p90", p90)
            .put("value_p99", p90)
            .put("version", version)
            .put("sink_batch", "rec-api-it")
            .toString();
    String url = QueryOptions.from(settings).clickhouseUrl();
    String http = "http://" + url.substring(url.indexOf("//") + 2, url.lastIndexOf('/')) + "/";
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            http
                                + "?query="
                                + URLEncoder.encode(
                                    "INSERT INTO devlogs.recorded_minutes FORMAT JSONEachRow",
                                    StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(row))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
