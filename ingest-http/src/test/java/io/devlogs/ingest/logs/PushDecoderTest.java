package io.devlogs.ingest.logs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.http.ApiException;
import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.limits.IngestLimits;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class PushDecoderTest {

  private final PushDecoder decoder = new PushDecoder(new IngestLimits(2000, 500, 8000, 3));

  private static byte[] utf8(String text) {
    return text.getBytes(UTF_8);
  }

  private static int status(Runnable call) {
    try {
      call.run();
    } catch (ApiException e) {
      return e.status();
    }
    throw new AssertionError("no ApiException");
  }

  @Test
  void validEventsBecomeABatchWithTheRequestsAttributes() {
    DecodedPush push =
        decoder.decode(
            utf8("{\"a\":1}\n[1]\n{\"b\":2}\n"), null, "application/x-ndjson", PushEndpoint.LOGS);
    assertThat(push.body().events()).hasSize(2);
    assertThat(push.body().problems()).hasSize(1);
    EventBatch batch =
        push.batch(
            new Caller(new ProjectKey("p_a", Scope.INGEST), "key:x"),
            42L,
            new PushAttributes("web", "api", "retry-1"));
    assertThat(batch.projectId()).isEqualTo("p_a");
    assertThat(batch.receivedMillis()).isEqualTo(42L);
    assertThat(batch.stream()).isEqualTo("web");
    assertThat(batch.service()).isEqualTo("api");
    assertThat(batch.idempotencyKey()).isEqualTo("retry-1");
    assertThat(batch.positions()).containsExactly(0, 2);
  }

  @Test
  void aCompressedBodyIsDecompressedFirst() throws IOException {
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(utf8("{\"msg\":\"zipped\"}\n"));
    }
    DecodedPush push =
        decoder.decode(gzipped.toByteArray(), "gzip", "application/x-ndjson", PushEndpoint.LOGS);
    assertThat(new String(push.body().events().get(0), UTF_8)).contains("zipped");
  }

  @Test
  void moreEventsThanTheLimitIs413EvenIfSomeAreInvalid() {
    assertThatThrownBy(
            () ->
                decoder.decode(
                    utf8("{}\n{}\n[1]\n{}\n"), null, "application/x-ndjson", PushEndpoint.LOGS))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413))
        .hasMessageContaining("4 events, the limit is 3");
  }

  @Test
  void aBodyWithoutAValidEventIs400() {
    assertThatThrownBy(
            () ->
                decoder.decode(
                    utf8("[1]\n\"x\"\n"), null, "application/x-ndjson", PushEndpoint.LOGS))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("all 2 events are invalid");
    assertThatThrownBy(
            () ->
                decoder.decode(
                    utf8("[{}, {\"a\" 1}]"), null, "application/json", PushEndpoint.LOGS))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.error()).isEqualTo("invalid_body"))
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void anUnknownFormatIs415OnEitherRoute() {
    assertThat(
            status(
                () -> decoder.decode(utf8("<log/>"), null, "application/xml", PushEndpoint.LOGS)))
        .isEqualTo(415);
    assertThat(status(() -> decoder.decode(utf8("x"), null, "text/plain", PushEndpoint.LOKI)))
        .isEqualTo(415);
  }
}
