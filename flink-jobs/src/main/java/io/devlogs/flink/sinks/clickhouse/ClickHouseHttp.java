package io.devlogs.flink.sinks.clickhouse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal client of the ClickHouse HTTP interface, enough for the sink: statements, inserts with
 * a body, and small TabSeparated selects. Responses are never requested compressed (ClickHouse
 * 18.16 answers such requests with an empty body).
 *
 * <p>Part of the sink's public API on purpose: it is the one ClickHouse client of the job's sinks
 * and of the benchmarks, so both speak to ClickHouse the same way. Tests extend it to fail at a
 * chosen request.
 */
public class ClickHouseHttp {

  /** Opens a client; how {@link ExactlyOnceClickHouseSink} gets one on each subtask. */
  @FunctionalInterface
  public interface Factory extends java.io.Serializable {
    ClickHouseHttp open(ClickHouseEndpoint endpoint, Duration requestTimeout);
  }

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final ClickHouseEndpoint endpoint;
  private final Duration requestTimeout;
  private final HttpClient client;

  public ClickHouseHttp(ClickHouseEndpoint endpoint, Duration requestTimeout) {
    this.endpoint = endpoint;
    this.requestTimeout = requestTimeout;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  /** Runs {@code INSERT ... FORMAT <format>} with the rows in {@code body}. */
  public void insert(String insertSql, byte[] body) throws IOException, InterruptedException {
    send(uri(insertSql, null), HttpRequest.BodyPublishers.ofByteArray(body), insertSql);
  }

  /**
   * Runs a statement that returns nothing. With a {@code queryId}, the server refuses to start it
   * while a query with the same id is still running.
   */
  public void execute(String sql, String queryId) throws IOException, InterruptedException {
    send(uri(null, queryId), HttpRequest.BodyPublishers.ofString(sql), sql);
  }

  /**
   * Runs a select and returns its rows as TabSeparated fields (values must not need escaping). A
   * select that fails before any answer is sent once more: ClickHouse closes idle keep-alive
   * connections after {@code keep_alive_timeout} (3 s by default), and a request that races that
   * close fails with no bytes received; a read is safe to repeat.
   */
  public List<String[]> select(String sql) throws IOException, InterruptedException {
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.ofString(sql + " FORMAT TabSeparated");
    String text;
    try {
      text = send(uri(null, null), body, sql);
    } catch (NoAnswer e) {
      text = send(uri(null, null), body, sql);
    }
    List<String[]> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        rows.add(line.split("\t", -1));
      }
    }
    return rows;
  }

  /** A single number (e.g. a {@code count()}). */
  public long selectLong(String sql) throws IOException, InterruptedException {
    List<String[]> rows = select(sql);
    if (rows.size() != 1) {
      throw new IOException(
          "expected one row from ClickHouse for: " + sql + ", got " + rows.size());
    }
    return Long.parseLong(rows.get(0)[0]);
  }

  private URI uri(String query, String queryId) {
    StringBuilder sb = new StringBuilder(endpoint.httpUri().toString());
    sb.append("?database=").append(encode(endpoint.database()));
    if (query != null) {
      sb.append("&query=").append(encode(query));
    }
    if (queryId != null) {
      sb.append("&query_id=").append(encode(queryId));
    }
    return URI.create(sb.toString());
  }

  private String send(URI uri, HttpRequest.BodyPublisher body, String what)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("X-ClickHouse-User", endpoint.user())
            .header("X-ClickHouse-Key", endpoint.password())
            .POST(body)
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new NoAnswer("ClickHouse did not answer " + abbreviate(what), e);
    }
    if (response.statusCode() != 200) {
      throw new ErrorAnswer(
          response.statusCode(),
          response.body(),
          "ClickHouse answered HTTP "
              + response.statusCode()
              + " to "
              + abbreviate(what)
              + ": "
              + abbreviate(response.body()));
    }
    return response.body();
  }

  /** ClickHouse answered the request with an error ({@code Code: NNN, ...} in the body). */
  public static final class ErrorAnswer extends IOException {
    private static final long serialVersionUID = 1L;
    private static final Pattern CODE = Pattern.compile("Code: (\\d+)");

    private final int status;
    private final int code;
    private final String error;

    ErrorAnswer(int status, String body, String message) {
      super(message);
      this.status = status;
      Matcher m = CODE.matcher(body);
      this.code = m.find() ? Integer.parseInt(m.group(1)) : -1;
      this.error = abbreviate(body.strip());
    }

    /** The HTTP status. */
    public int status() {
      return status;
    }

    /** ClickHouse's error code, or -1 if the body names none. */
    public int code() {
      return code;
    }

    /** ClickHouse's error text, abbreviated. */
    public String error() {
      return error;
    }
  }

  /** The request failed before ClickHouse answered it (connection refused, reset or closed). */
  public static final class NoAnswer extends IOException {
    private static final long serialVersionUID = 1L;

    NoAnswer(String message, IOException cause) {
      super(message + ": " + cause.getMessage(), cause);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500) + "...";
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
