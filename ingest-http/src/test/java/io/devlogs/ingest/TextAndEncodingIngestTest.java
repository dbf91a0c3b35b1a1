package io.devlogs.ingest;

import static io.devlogs.ingest.FormatsTestApp.json;
import static io.devlogs.ingest.FormatsTestApp.post;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.ingest.formats.ProblemReport;
import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.limits.IngestLimits;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** text/plain bodies, Content-Encoding gzip and deflate, and hostile bodies. */
class TextAndEncodingIngestTest {

  private final FormatsTestApp small = new FormatsTestApp(new IngestLimits(4000, 500, 20_000));

  @Test
  void textLinesAreEventsAndStackTracesStayWhole() {
    String body =
        "2025-03-01 12:00:00 INFO started\r\n"
            + "\n"
            + "2025-03-01 12:00:01 ERROR request failed\n"
            + "java.lang.IllegalStateException: boom\n"
            + "\tat a.B.c(B.java:1)\n"
            + "Caused by: java.io.IOException: io\n"
            + "\t... 3 more\n"
            + "level=warn msg=\"slow\"\n";
    JavalinTest.test(
        small.app,
        (server, client) -> {
          Response response =
              post(client, "/v1/logs?stream=run-42&service=billing", "text/plain", body);
          assertThat(response.code()).isEqualTo(200);
          assertThat(json(response).get("accepted").asInt()).isEqualTo(3);
          assertThat(small.sink.events())
              .containsExactly(
                  "2025-03-01 12:00:00 INFO started",
                  "2025-03-01 12:00:01 ERROR request failed\n"
                      + "java.lang.IllegalStateException: boom\n"
                      + "\tat a.B.c(B.java:1)\n"
                      + "Caused by: java.io.IOException: io\n"
                      + "\t... 3 more",
                  "level=warn msg=\"slow\"");
          EventBatch batch = small.sink.batches.get(0);
          assertThat(batch.format()).isEqualTo(EventBatch.Format.TEXT);
          assertThat(batch.stream()).isEqualTo("run-42");
          assertThat(batch.service()).isEqualTo("billing");
        });
  }

  @Test
  void badTextEventsAreNamedByTheirFirstLine() {
    String body = "ok line\nbinary \0 here\n" + "x".repeat(600) + "\nlast\n";
    JavalinTest.test(
        small.app,
        (server, client) -> {
          Response response = post(client, "/v1/logs", "text/plain; charset=utf-8", body);
          assertThat(response.code()).isEqualTo(400);
          JsonNode answer = json(response);
          assertThat(answer.get("accepted").asInt()).isEqualTo(2);
          JsonNode problems = answer.get("detail").get("problems");
          assertThat(problems.get(0).get("line").asInt()).isEqualTo(2);
          assertThat(problems.get(0).get("problem").asText()).contains("NUL");
          assertThat(problems.get(1).get("line").asInt()).isEqualTo(3);
          assertThat(problems.get(1).get("problem").asText()).contains("limit is 500 bytes");
          assertThat(small.sink.events()).containsExactly("ok line", "last");
        });
  }

  @Test
  void invalidUtf8TextAndEmptyBodiesAre400() {
    JavalinTest.test(
        small.app,
        (server, client) -> {
          byte[] latin1 = "caf\u00e9 ok\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
          Response invalid = post(client, "/v1/logs", "text/plain", latin1, Map.of());
          assertThat(invalid.code()).isEqualTo(400);
          assertThat(json(invalid).get("message").asText()).contains("not valid UTF-8");

          Response empty = post(client, "/v1/logs", "text/plain", "\n \n");
          assertThat(empty.code()).isEqualTo(400);
          assertThat(json(empty).get("message").asText()).contains("empty body");
          assertThat(small.sink.batches).isEmpty();
        });
  }

  @Test
  void problemListIsCappedButCounted() {
    FormatsTestApp big = new FormatsTestApp(IngestLimits.DEFAULT);
    String body = "{}\n" + "[]\n".repeat(ProblemReport.MAX_LISTED + 20);
    JavalinTest.test(
        big.app,
        (server, client) -> {
          Response response = post(client, "/v1/logs", "application/x-ndjson", body);
          assertThat(response.code()).isEqualTo(400);
          JsonNode answer = json(response);
          assertThat(answer.get("rejected").asInt()).isEqualTo(ProblemReport.MAX_LISTED + 20);
          assertThat(answer.get("detail").get("problems")).hasSize(ProblemReport.MAX_LISTED);
          assertThat(answer.get("detail").get("problemsNotListed").asInt()).isEqualTo(20);
          assertThat(big.sink.events()).containsExactly("{}");
        });
  }

  @Test
  void gzipAndDeflateBodiesAreDecoded() throws IOException {
    String ndjson = "{\"msg\":\"zipped\"}\n{\"msg\":\"twice\"}\n";
    byte[] gzip = gzip(ndjson.getBytes(UTF_8));
    byte[] zlib = deflate(ndjson.getBytes(UTF_8), false);
    byte[] raw = deflate(ndjson.getBytes(UTF_8), true);
    JavalinTest.test(
        small.app,
        (server, client) -> {
          for (Map.Entry<String, byte[]> e :
              Map.of("gzip", gzip, "deflate", zlib, "Deflate", raw).entrySet()) {
            Response response =
                post(
                    client,
                    "/v1/logs",
                    "application/x-ndjson",
                    e.getValue(),
                    Map.of("Content-Encoding", e.getKey()));
            assertThat(response.code()).as(e.getKey()).isEqualTo(200);
          }
          assertThat(small.sink.events())
              .hasSize(6)
              .containsOnly("{\"msg\":\"zipped\"}", "{\"msg\":\"twice\"}");
        });
  }

  @Test
  void gzipBombIsRefusedNamingTheDecompressedLimit() throws IOException {
    // 1 MB of zeros gzips to about 1 KB: well under the body limit, far over the decoded one.
    byte[] bomb = gzip(new byte[1_000_000]);
    assertThat(bomb.length).isLessThan(4000);
    JavalinTest.test(
        small.app,
        (server, client) -> {
          Response response =
              post(
                  client,
                  "/v1/logs",
                  "application/x-ndjson",
                  bomb,
                  Map.of("Content-Encoding", "gzip"));
          assertThat(response.code()).isEqualTo(413);
          assertThat(json(response).get("message").asText())
              .contains("larger than 20000 bytes once decompressed");
          assertThat(small.sink.batches).isEmpty();
        });
  }

  @Test
  void invalidCompressedDataIs400AndUnknownEncodingIs415() {
    JavalinTest.test(
        small.app,
        (server, client) -> {
          byte[] notGzip = "{\"msg\":\"plain\"}".getBytes(UTF_8);
          Response invalid =
              post(
                  client,
                  "/v1/logs",
                  "application/json",
                  notGzip,
                  Map.of("Content-Encoding", "gzip"));
          assertThat(invalid.code()).isEqualTo(400);
          assertThat(json(invalid).get("message").asText()).contains("invalid gzip body");

          byte[] truncated = java.util.Arrays.copyOf(gzip(notGzip), 15);
          Response cut =
              post(
                  client,
                  "/v1/logs",
                  "application/json",
                  truncated,
                  Map.of("Content-Encoding", "gzip"));
          assertThat(cut.code()).isEqualTo(400);

          Response br =
              post(
                  client,
                  "/v1/logs",
                  "application/json",
                  notGzip,
                  Map.of("Content-Encoding", "br"));
          assertThat(br.code()).isEqualTo(415);
          assertThat(json(br).get("message").asText()).contains("Content-Encoding 'br'");
          assertThat(small.sink.batches).isEmpty();
        });
  }

  @Test
  void tenMegabyteSingleLineIs413() {
    FormatsTestApp defaults = new FormatsTestApp(IngestLimits.DEFAULT);
    String line = "{\"msg\":\"" + "y".repeat(10_000_000) + "\"}";
    JavalinTest.test(
        defaults.app,
        (server, client) -> {
          Response ndjson = post(client, "/v1/logs", "application/x-ndjson", line);
          assertThat(ndjson.code()).isEqualTo(413);
          assertThat(json(ndjson).get("message").asText()).contains("line 1", "bytes per event");
          Response text = post(client, "/v1/logs", "text/plain", line);
          assertThat(text.code()).isEqualTo(413);
          assertThat(defaults.sink.batches).isEmpty();
        });
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] data, boolean raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream d =
        new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
      d.write(data);
    }
    return out.toByteArray();
  }
}
