package io.devlogs.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Counts a project's rows in ClickHouse {@code devlogs.events} over the HTTP interface. */
public final class ClickHouseRows {

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI url;
  private final String sql;

  /**
   * @param httpUrl ClickHouse's HTTP interface, e.g. {@code http://127.0.0.1:18123/}
   * @param project a project id (letters, digits, {@code _} and {@code -} only)
   */
  public ClickHouseRows(URI httpUrl, String project) {
    if (!project.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("not a project id: '" + project + "'");
    }
    this.url = httpUrl;
    this.sql = "SELECT count() FROM devlogs.events WHERE project = '" + project + "'";
  }

  /**
   * The HTTP URL of a {@code jdbc:clickhouse://host:port/db} URL, as the stack's settings give it.
   */
  public static URI httpUrl(String jdbcUrl) {
    String prefix = "jdbc:clickhouse://";
    if (!jdbcUrl.startsWith(prefix)) {
      throw new IllegalArgumentException(
          "clickhouse.url must look like jdbc:clickhouse://host:port/db, was '" + jdbcUrl + "'");
    }
    String hostPort = jdbcUrl.substring(prefix.length()).split("[/?]", 2)[0];
    return URI.create("http://" + hostPort + "/");
  }

  /**
   * The count; asked a second time if the first request gets no answer: ClickHouse closes idle
   * keep-alive connections after a few seconds, about as long as the time between samples, so a
   * reused connection may already be closed.
   */
  public long count() throws IOException, InterruptedException {
    try {
      return ask();
    } catch (IOException e) {
      return ask();
    }
  }

  private long ask() throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "ClickHouse answered " + response.statusCode() + ": " + response.body());
    }
    return Long.parseLong(response.body().trim());
  }
}
