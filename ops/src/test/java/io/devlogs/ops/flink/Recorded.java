package io.devlogs.ops.flink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded Flink REST answers under {@code src/test/resources/flink-rest} (see its README). */
final class Recorded {
  private Recorded() {}

  static String text(String name) {
    try (InputStream in = Recorded.class.getResourceAsStream("/flink-rest/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded answer " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name) {
    return FlinkAnswers.parse(text(name));
  }
}
