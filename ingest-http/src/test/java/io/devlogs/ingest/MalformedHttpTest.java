package io.devlogs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.ingest.limits.IngestLimits;
import io.devlogs.testing.RawHttp;
import io.javalin.testtools.JavalinTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Requests broken on the wire, sent over a raw socket, get the JSON error body and the status that
 * names the problem, whether Jetty answers them (before the app sees the request) or the app does
 * (while reading the body). They used to get Jetty's HTML error page, or a 500.
 */
class MalformedHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String AUTH = "Authorization: Bearer " + FormatsTestApp.KEY + "\r\n";

  private final FormatsTestApp app = new FormatsTestApp(IngestLimits.DEFAULT);

  private static JsonNode assertJsonError(RawHttp.Response response, int status, String code)
      throws Exception {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.headers().get("content-type")).startsWith("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("error").asText()).isEqualTo(code);
    assertThat(body.get("message").asText()).isNotBlank();
    return body;
  }

  @Test
  void jettyAnswersMalformedRequestLinesAndHeadersWithTheJsonErrorBody() {
    JavalinTest.test(
        app.app,
        (server, client) -> {
          int port = server.port();
          assertJsonError(
              RawHttp.exchange(
                  port, "GET /healthz HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", TIMEOUT),
              400,
              "malformed_request");
          assertJsonError(
              RawHttp.exchange(
                  port,
                  "GET /healthz?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                  TIMEOUT),
              414,
              "uri_too_long");
          assertJsonError(
              RawHttp.exchange(
                  port,
                  "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n",
                  TIMEOUT),
              431,
              "headers_too_large");
          assertJsonError(
              RawHttp.exchange(
                  port,
                  "POST /v1/logs HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n{}",
                  TIMEOUT),
              400,
              "malformed_request");
          assertJsonError(
              RawHttp.exchange(
                  port,
                  "POST /v1/logs HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3"
                      + "\r\n\r\n{}",
                  TIMEOUT),
              400,
              "malformed_request");
          assertJsonError(
              RawHttp.exchange(port, "GARBAGE\r\n\r\n", TIMEOUT), 400, "malformed_request");
        });
  }

  @Test
  void aBodyBrokenWhileTheAppReadsItIsAClientError() {
    JavalinTest.test(
        app.app,
        (server, client) -> {
          int port = server.port();
          String head =
              "POST /v1/logs HTTP/1.1\r\nHost: x\r\n"
                  + AUTH
                  + "Content-Type: application/x-ndjson\r\n";
          assertJsonError(
              RawHttp.exchange(
                  port,
                  head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{\"m\":1}\r\n0\r\n\r\n",
                  TIMEOUT),
              400,
              "malformed_request");
          assertThat(app.sink.batches).isEmpty();
        });
  }

  @Test
  void aHalfSentBodyIs408OnceTheIdleTimeoutPasses() {
    app.app.unsafeConfig().jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(500));
    JavalinTest.test(
        app.app,
        (server, client) -> {
          RawHttp.Response response =
              RawHttp.exchange(
                  server.port(),
                  "POST /v1/logs HTTP/1.1\r\nHost: x\r\n"
                      + AUTH
                      + "Content-Type: application/x-ndjson\r\nContent-Length: 100\r\n\r\n"
                      + "{\"m\":1}\n",
                  TIMEOUT);
          assertJsonError(response, 408, "request_timeout");
          assertThat(app.sink.batches).isEmpty();
        });
  }
}
