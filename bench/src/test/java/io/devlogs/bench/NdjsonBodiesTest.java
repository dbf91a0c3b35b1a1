package io.devlogs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class NdjsonBodiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void bodiesHoldTheRequestedEventsOfAboutTheRequestedSize() throws IOException {
    NdjsonBodies bodies = NdjsonBodies.build(3, 1000, 300, 7);

    assertThat(bodies.plain()).hasSize(3);
    assertThat(bodies.meanEventBytes()).isBetween(300.0, 325.0);
    for (byte[] body : bodies.plain()) {
      String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
      assertThat(lines).hasSize(1000);
      for (String line : lines) {
        JsonNode event = JSON.readTree(line);
        assertThat(event.isObject()).isTrue();
        assertThat(line.getBytes(StandardCharsets.UTF_8).length)
            .isBetween(300, 300 + NdjsonBodies.MAX_EXTRA_BYTES);
      }
    }
  }

  @Test
  void paddingIsWordsOfTheExactLength() {
    java.util.Random random = new java.util.Random(3);
    assertThat(NdjsonBodies.words(0, random)).isEmpty();
    String words = NdjsonBodies.words(120, random);
    assertThat(words).hasSize(120).contains(" ");
    assertThat(words.chars().distinct().count()).isGreaterThan(10);
  }

  @Test
  void writesEveryEventOnItsOwnLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    NdjsonBodies bodies = NdjsonBodies.build(2, 10, 300, 1);
    java.nio.file.Path file = dir.resolve("events.ndjson");
    bodies.writeEvents(file);
    assertThat(java.nio.file.Files.readAllLines(file)).hasSize(20);
  }

  @Test
  void gzipBodiesDecompressToThePlainOnes() throws IOException {
    NdjsonBodies bodies = NdjsonBodies.build(2, 50, 300, 1);
    for (int i = 0; i < 2; i++) {
      try (GZIPInputStream in =
          new GZIPInputStream(new ByteArrayInputStream(bodies.gzip().get(i)))) {
        assertThat(in.readAllBytes()).isEqualTo(bodies.plain().get(i));
      }
      assertThat(bodies.gzip().get(i).length).isLessThan(bodies.plain().get(i).length / 3);
    }
  }
}
