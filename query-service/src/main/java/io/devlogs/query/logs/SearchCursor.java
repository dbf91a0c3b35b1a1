package io.devlogs.query.logs;

import io.devlogs.query.http.ApiException;
import io.devlogs.query.records.TimeRange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque {@code cursor} of {@code GET /v1/logs}: the first page's resolved time range and the
 * last event's position, signed with HMAC-SHA256 over that payload, the project and the request's
 * filter parameters. A cursor that was altered, or is sent by another project or with other
 * filters, is refused with 400 naming {@code cursor}.
 *
 * <p>The range travels in the cursor because {@code to} defaults to "now": every page of one search
 * reads the same range as the first. A cursor is only valid on instances sharing the secret.
 */
public final class SearchCursor {
  private static final byte VERSION = 1;
  private static final int MAX_TOKEN_LENGTH = 2048;
  private static final String ALGORITHM = "HmacSHA256";

  /** Parameters that may change between pages of one search. */
  private static final List<String> PAGE_PARAMETERS = List.of("cursor", "limit");

  private final SecretKeySpec key;

  public SearchCursor(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("cursor secret must have at least 16 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /** A secret only this process knows: cursors die with it. */
  public static SearchCursor withRandomSecret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new SearchCursor(secret);
  }

  /** What a cursor carries. */
  public record Page(TimeRange range, EventPosition after) {
    public Page {
      Objects.requireNonNull(range, "range");
      Objects.requireNonNull(after, "after");
    }
  }

  /**
   * The request's filters as signed text: every parameter but {@code cursor} and {@code limit},
   * sorted by name, values in order, each length-prefixed so no two requests share a text.
   */
  public static String filterText(Map<String, List<String>> params) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(params)
        .forEach(
            (name, values) -> {
              if (!PAGE_PARAMETERS.contains(name)) {
                text.append(name.length()).append(':').append(name).append('=');
                values.forEach(v -> text.append(v.length()).append(':').append(v).append(';'));
                text.append('&');
              }
            });
    return text.toString();
  }

  public String encode(String projectId, String filterText, Page page) {
    byte[] payload = payload(page);
    return base64(payload) + "." + base64(mac(payload, projectId, filterText));
  }

  public Page decode(String token, String projectId, String filterText) {
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw invalid();
    }
    int dot = token.indexOf('.');
    if (dot < 0) {
      throw invalid();
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
      signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!MessageDigest.isEqual(signature, mac(payload, projectId, filterText))) {
      throw invalid();
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      if (in.readByte() != VERSION) {
        throw invalid();
      }
      Instant from = Instant.ofEpochSecond(in.readLong(), in.readInt());
      Instant to = Instant.ofEpochSecond(in.readLong(), in.readInt());
      Instant last = Instant.ofEpochSecond(in.readLong(), in.readInt());
      String eventId = in.readUTF();
      return new Page(new TimeRange(from, to), new EventPosition(last, eventId));
    } catch (IOException | RuntimeException e) {
      // Only reachable with a valid signature over a malformed payload, i.e. a bug or a new format.
      throw invalid();
    }
  }

  private static ApiException invalid() {
    return ApiException.badParameter(
        "cursor",
        "not a cursor of this search: altered, expired with a restart, or sent with other"
            + " filters or by another project; search again without it");
  }

  private static byte[] payload(Page page) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writeInstant(out, page.range().from());
      writeInstant(out, page.range().to());
      writeInstant(out, page.after().timestamp());
      out.writeUTF(page.after().eventId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
    out.writeLong(instant.getEpochSecond());
    out.writeInt(instant.getNano());
  }

  private byte[] mac(byte[] payload, String projectId, String filterText) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(payload);
      mac.update((byte) 0);
      mac.update(projectId.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(filterText.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
