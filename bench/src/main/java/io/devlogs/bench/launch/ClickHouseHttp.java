package io.devlogs.bench.launch;

import io.devlogs.bench.e2e.ClickHouseRows;
import io.devlogs.ops.CommandFailed;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.ClickHouseKeys;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** Statements over ClickHouse's HTTP interface, as the benchmarks' curl calls were. */
final class ClickHouseHttp {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI url;

  ClickHouseHttp(URI url) {
    this.url = url;
  }

  static ClickHouseHttp of(Settings settings) {
    return new ClickHouseHttp(ClickHouseRows.httpUrl(settings.get(ClickHouseKeys.URL)));
  }

  /** Runs the statement and returns its answer, without the trailing newline. */
  String query(String sql) {
    return send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(sql)), sql)
        .strip();
  }

  long count(String sql) {
    return Long.parseLong(query(sql));
  }

  /** Runs the statement and writes its answer to a file. */
  void queryInto(String sql, Path file) {
    try {
      HttpResponse<Path> response =
          http.send(
              HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(sql)).build(),
              HttpResponse.BodyHandlers.ofFile(file));
      check(response.statusCode(), "(see " + file + ")", sql);
    } catch (IOException e) {
      throw new CommandFailed("ClickHouse at " + url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailed("interrupted", e);
    }
  }

  /** An {@code INSERT ... FORMAT ...} whose data is the file. */
  void insertFile(String insert, Path data) {
    try {
      URI withQuery =
          URI.create(url + "?query=" + URLEncoder.encode(insert, StandardCharsets.UTF_8));
      send(HttpRequest.newBuilder(withQuery).POST(HttpRequest.BodyPublishers.ofFile(data)), insert);
    } catch (IOException e) {
      throw new CommandFailed("reading " + data + ": " + e, e);
    }
  }

  private String send(HttpRequest.Builder request, String sql) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      check(response.statusCode(), response.body(), sql);
      return response.body();
    } catch (IOException e) {
      throw new CommandFailed("ClickHouse at " + url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailed("interrupted", e);
    }
  }

  private static void check(int status, String body, String sql) {
    if (status / 100 != 2) {
      throw new CommandFailed("ClickHouse answered " + status + " to " + sql + ": " + body.strip());
    }
  }
}
