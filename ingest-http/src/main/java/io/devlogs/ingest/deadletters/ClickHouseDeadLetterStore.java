package io.devlogs.ingest.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.deadletters.DeadLetterRow;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@link DeadLetterStore} over ClickHouse {@code devlogs.dead_letters}, through ClickHouse's HTTP
 * interface ({@code FORMAT JSONEachRow}, uncompressed answers, which 18.16 needs), as a read-only
 * user. String values are quoted with ClickHouse's escapes; the statement runs unchanged on
 * ClickHouse 18.16 and current releases.
 *
 * <p>Configured by {@link DeadLetterStoreOptions}.
 */
public final class ClickHouseDeadLetterStore implements DeadLetterStore {

  static final String JDBC_PREFIX = "jdbc:clickhouse://";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI endpoint;
  private final String authorization;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ClickHouseDeadLetterStore(DeadLetterStoreOptions options) {
    URI base = URI.create("http://" + options.jdbcUrl().substring(JDBC_PREFIX.length()));
    this.endpoint = URI.create("http://" + base.getHost() + ":" + base.getPort() + "/");
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (options.user() + ":" + options.password()).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public List<DeadLetterRow> select(String projectId, ReplaySelection selection) {
    String sql = selectSql(projectId, selection);
    HttpRequest request =
        HttpRequest.newBuilder(
                endpoint.resolve("?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
            .header("Authorization", authorization)
            .timeout(TIMEOUT)
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("ClickHouse at " + endpoint + " did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading dead letters", e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "ClickHouse refused the dead-letter query (HTTP "
              + response.statusCode()
              + "): "
              + response.body().strip());
    }
    List<DeadLetterRow> letters = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (!line.isBlank()) {
        letters.add(toDeadLetter(line));
      }
    }
    return letters;
  }

  /** The statement; pure. Every value is a quoted literal or a number. */
  static String selectSql(String projectId, ReplaySelection s) {
    long since = s.since().toEpochMilli();
    long until = s.until().toEpochMilli();
    StringBuilder sql =
        new StringBuilder(
                "SELECT "
                    + String.join(", ", DeadLetterRow.READ_COLUMNS)
                    + " FROM "
                    + DeadLetterRow.TABLE
                    + " WHERE project = ")
            .append(quote(projectId))
            .append(" AND received_at >= toDateTime(")
            .append(Math.floorDiv(since, 1000L))
            .append(") AND received_at <= toDateTime(")
            .append(Math.floorDiv(until, 1000L))
            .append(") AND received_ms >= ")
            .append(since)
            .append(" AND received_ms < ")
            .append(until);
    if (!s.causes().isEmpty()) {
      sql.append(" AND cause IN (").append(quoteAll(s.causes())).append(')');
    }
    if (!s.ids().isEmpty()) {
      sql.append(" AND dead_letter_id IN (").append(quoteAll(s.ids())).append(')');
    }
    // A row written twice by another writer is replayed once.
    return sql.append(" ORDER BY received_ms, dead_letter_id LIMIT 1 BY dead_letter_id LIMIT ")
        .append(s.limit())
        .append(" FORMAT JSONEachRow")
        .toString();
  }

  /** A ClickHouse string literal: backslash and quote escaped (NUL, too, as {@code \0}). */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        case '\0' -> out.append("\\0");
        default -> out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  private static String quoteAll(List<String> values) {
    return values.stream().map(ClickHouseDeadLetterStore::quote).collect(Collectors.joining(", "));
  }

  static DeadLetterRow toDeadLetter(String line) {
    JsonNode row;
    try {
      row = JSON.readTree(line);
    } catch (IOException e) {
      throw new IllegalStateException("ClickHouse answered a row that is not JSON: " + line, e);
    }
    return DeadLetterRow.read(
        new DeadLetterRow.Columns<RuntimeException>() {
          @Override
          public String text(String column) {
            JsonNode value = row.get(column);
            return value == null || value.isNull() ? null : value.asText();
          }

          @Override
          public long number(String column) {
            // JSONEachRow quotes 64-bit integers by default: asLong reads both forms.
            return row.path(column).asLong();
          }
        });
  }

  @Override
  public String toString() {
    return "ClickHouseDeadLetterStore[" + Objects.toString(endpoint) + "]";
  }
}
