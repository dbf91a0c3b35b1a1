package io.devlogs.query.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the opaque paging cursors of the API: {@code base64url(payload) "." base64url(mac)}, where
 * the mac is HMAC-SHA256 over the payload and a context (the project, and what else the cursor is
 * bound to). A cursor opens only untouched and with the same context, and only on instances that
 * share the secret ({@code query.cursor-secret}).
 */
public final class CursorSeal {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAX_TOKEN_LENGTH = 4096;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;

  public CursorSeal(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("cursor secret must have at least 16 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /** A secret only this process knows: its cursors fail with a restart or on other instances. */
  public static CursorSeal withRandomSecret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new CursorSeal(secret);
  }

  /** The configured secret, or a random one when it is empty. */
  public static CursorSeal fromSetting(String secret) {
    return secret.isEmpty()
        ? withRandomSecret()
        : new CursorSeal(secret.getBytes(StandardCharsets.UTF_8));
  }

  public String seal(byte[] payload, List<String> context) {
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload, context));
  }

  /** The payload of an untouched token sealed with the same context; empty otherwise. */
  public Optional<byte[]> open(String token, List<String> context) {
    int dot = token.indexOf('.');
    if (token.length() > MAX_TOKEN_LENGTH || dot < 0) {
      return Optional.empty();
    }
    try {
      byte[] payload = DECODER.decode(token.substring(0, dot));
      byte[] signature = DECODER.decode(token.substring(dot + 1));
      return MessageDigest.isEqual(signature, mac(payload, context))
          ? Optional.of(payload)
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(byte[] payload, List<String> context) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      // Length-prefixed parts: no two contexts share a byte sequence, whatever they contain.
      for (String part : context) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        mac.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) ':');
        mac.update(bytes);
      }
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
