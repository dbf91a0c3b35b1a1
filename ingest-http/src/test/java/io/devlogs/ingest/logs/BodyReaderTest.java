package io.devlogs.ingest.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.http.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BodyReaderTest {

  private final BodyReader reader = new BodyReader(10);

  @Test
  void aBodyUpToTheLimitIsRead() {
    assertThat(reader.read(10, () -> new ByteArrayInputStream(new byte[10]))).hasSize(10);
    assertThat(reader.read(-1, () -> new ByteArrayInputStream(new byte[3]))).hasSize(3);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsOpened() {
    AtomicBoolean opened = new AtomicBoolean();
    assertThatThrownBy(
            () ->
                reader.read(
                    11,
                    () -> {
                      opened.set(true);
                      return new ByteArrayInputStream(new byte[11]);
                    }))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(413);
              assertThat(e.body().detail()).hasToString("{limitBytes=10, sizeBytes=11}");
            })
        .hasMessageContaining("larger than 10 bytes");
    assertThat(opened).isFalse();
  }

  @Test
  void aLongerBodyThanDeclaredIsRefusedToo() {
    assertThatThrownBy(() -> reader.read(-1, () -> new ByteArrayInputStream(new byte[11])))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.body().detail()).hasToString("{limitBytes=10}"));
  }

  @Test
  void aBodyThatBreaksOffIsAMalformedRequest() {
    assertThatThrownBy(
            () ->
                reader.read(
                    5,
                    () -> {
                      throw new IOException("early EOF");
                    }))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
  }
}
