package io.devlogs.query.http;

import static io.devlogs.testing.JsonErrors.assertJsonError;

import io.devlogs.query.QueryServer;
import io.devlogs.query.support.TestDeps;
import io.devlogs.testing.RawHttp;
import io.javalin.testtools.JavalinTest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Requests broken on the wire, sent over a raw socket, get the query API's JSON error body and the
 * status naming the problem instead of Jetty's HTML error page.
 */
class MalformedHttpTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void malformedRequestsGetTheJsonErrorBody() {
    JavalinTest.test(
        QueryServer.createApp(TestDeps.of(raw -> Optional.empty(), Clock.systemUTC())),
        (server, client) -> {
          int port = server.port();
          assertJsonError(
              RawHttp.exchange(
                  port, "GET /v1/logs HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", TIMEOUT),
              400,
              "malformed_request");
          assertJsonError(
              RawHttp.exchange(
                  port,
                  "GET /v1/logs?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                  TIMEOUT),
              414,
              "uri_too_long");
          assertJsonError(
              RawHttp.exchange(
                  port,
                  "GET /v1/logs HTTP/1.1\r\nHost: x\r\nCookie: " + "c".repeat(20_000) + "\r\n\r\n",
                  TIMEOUT),
              431,
              "headers_too_large");
          assertJsonError(
              RawHttp.exchange(
                  port, "GET /v1/logs HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", TIMEOUT),
              400,
              "malformed_request");
          assertJsonError(
              RawHttp.exchange(
                  port,
                  "GET /v1/logs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                      + "Content-Length: 3\r\n\r\n0\r\n\r\n",
                  TIMEOUT),
              400,
              "malformed_request");
        });
  }
}
