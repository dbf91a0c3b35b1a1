package io.devlogs.query.alerts.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook body: {@code X-Devlogs-Signature: v1=<hex HMAC-SHA256>} over {@code
 * <timestamp>.<body>} with the receiver's secret, and the timestamp (epoch seconds) in {@code
 * X-Devlogs-Timestamp}, so a receiver can refuse a forged body and a replayed old one. The scheme
 * Stripe and Slack use; a receiver verifies with {@link #verify}.
 */
public final class WebhookSignature {
  public static final String SIGNATURE_HEADER = "X-Devlogs-Signature";
  public static final String TIMESTAMP_HEADER = "X-Devlogs-Timestamp";

  /**
   * The transition's idempotency key: the same transition always carries the same one, also when a
   * crash makes the notifier send it again, so a receiver drops what it has seen.
   */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private static final String VERSION = "v1=";

  private WebhookSignature() {}

  /** {@code v1=} and the hex HMAC-SHA256 of {@code timestamp + "." + body}. */
  public static String sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return VERSION + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  /** Whether {@code signature} is this body's, compared in constant time. */
  public static boolean verify(String secret, long timestamp, byte[] body, String signature) {
    if (signature == null) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }
}
