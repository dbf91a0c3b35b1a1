package io.devlogs.query.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final String SECRET = "0123456789abcdef-secret";
  private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

  @Test
  void isTheHmacSha256OfTimestampDotBody() {
    // Computed independently: Python's hmac.new(secret, b'1700000000.{"a":1}', sha256).
    assertThat(WebhookSignature.sign(SECRET, 1_700_000_000L, BODY))
        .isEqualTo("v1=6948a2dc6985c92d09b9edade5c97dce2ba201452d91a72e4a20d35abe4d3420");
  }

  @Test
  void verifiesOnlyTheSameBodyTimestampAndSecret() {
    String signature = WebhookSignature.sign(SECRET, 1_700_000_000L, BODY);
    assertThat(WebhookSignature.verify(SECRET, 1_700_000_000L, BODY, signature)).isTrue();
    assertThat(
            WebhookSignature.verify(
                SECRET, 1_700_000_000L, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), signature))
        .isFalse();
    assertThat(WebhookSignature.verify(SECRET, 1_700_000_001L, BODY, signature)).isFalse();
    assertThat(WebhookSignature.verify(SECRET + "x", 1_700_000_000L, BODY, signature)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, 1_700_000_000L, BODY, null)).isFalse();
  }
}
