package io.devlogs.ingest.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.http.ApiException;
import org.junit.jupiter.api.Test;

class PushAttributesTest {

  @Test
  void blankValuesAreAbsentAndTheIdempotencyKeyIsStripped() {
    assertThat(PushAttributes.of(" ", null, "  ")).isEqualTo(new PushAttributes(null, null, null));
    assertThat(PushAttributes.of("web", "api", "  retry-1 "))
        .isEqualTo(new PushAttributes("web", "api", "retry-1"));
  }

  @Test
  void tooLongValuesNameTheParameterOrHeader() {
    String tooLong = "x".repeat(PushAttributes.MAX_LENGTH + 1);
    assertThatThrownBy(() -> PushAttributes.of(null, tooLong, null))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.error()).isEqualTo("invalid_parameter");
            })
        .hasMessageContaining("service");
    assertThatThrownBy(() -> PushAttributes.of(null, null, tooLong))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.error()).isEqualTo("invalid_header"))
        .hasMessageContaining("Idempotency-Key");
    assertThat(PushAttributes.of("x".repeat(PushAttributes.MAX_LENGTH), null, null).stream())
        .hasSize(PushAttributes.MAX_LENGTH);
  }
}
