package io.devlogs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON error answer both services give ({@code {"error": "<code>", "message": "..."}}), never
 * Jetty's HTML error page.
 */
public final class JsonErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonErrors() {}

  /**
   * Asserts the answer has the status, a JSON body, the error code and a message; returns the body
   * for further checks.
   */
  public static JsonNode assertJsonError(RawHttp.Response response, int status, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.headers().get("content-type")).startsWith("application/json");
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(body.get("error").asText()).isEqualTo(code);
    assertThat(body.get("message").asText()).isNotBlank();
    return body;
  }
}
