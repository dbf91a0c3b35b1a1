package io.devlogs.ingest.formats;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes the request's {@code Content-Encoding} ({@code gzip}, {@code deflate} or none), streaming
 * and counting, so a small compressed body that inflates to gigabytes (a "gzip bomb") is refused
 * once the decompressed limit is passed, without ever holding more than the limit in memory.
 */
public final class ContentEncodings {

  private ContentEncodings() {}

  /**
   * The decoded body.
   *
   * @throws InvalidBodyException invalid compressed data (400), or more than {@code
   *     maxDecodedBytes} once decompressed (too large: 413)
   * @throws UnsupportedFormatException an encoding other than gzip, deflate or identity
   */
  public static byte[] decode(byte[] body, String contentEncoding, long maxDecodedBytes) {
    String encoding =
        contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    return switch (encoding) {
      case "", "identity" -> body;
      case "gzip", "x-gzip" -> inflate(body, "gzip", maxDecodedBytes);
      case "deflate" -> inflate(body, "deflate", maxDecodedBytes);
      default ->
          throw new UnsupportedFormatException(
              "unsupported Content-Encoding '"
                  + contentEncoding
                  + "': send gzip, deflate or an uncompressed body");
    };
  }

  private static byte[] inflate(byte[] body, String encoding, long maxDecodedBytes) {
    if (body.length == 0) {
      throw InvalidBodyException.body("empty body: expected " + encoding + " data");
    }
    try (InputStream in = open(body, encoding)) {
      byte[] decoded = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxDecodedBytes + 1));
      if (decoded.length > maxDecodedBytes) {
        throw InvalidBodyException.body(
                "the body is larger than "
                    + maxDecodedBytes
                    + " bytes once decompressed ("
                    + encoding
                    + "): send fewer events per request")
            .asTooLarge();
      }
      return decoded;
    } catch (IOException e) {
      throw InvalidBodyException.body(
          "invalid " + encoding + " body (Content-Encoding: " + encoding + "): " + e.getMessage());
    }
  }

  private static InputStream open(byte[] body, String encoding) throws IOException {
    ByteArrayInputStream raw = new ByteArrayInputStream(body);
    if (encoding.equals("gzip")) {
      return new GZIPInputStream(raw);
    }
    // HTTP's deflate is zlib-wrapped (RFC 9110); some clients send raw deflate instead.
    return new InflaterInputStream(raw, new Inflater(!hasZlibHeader(body)));
  }

  private static boolean hasZlibHeader(byte[] body) {
    if (body.length < 2) {
      return false;
    }
    int cmf = body[0] & 0xff;
    int flg = body[1] & 0xff;
    return (cmf & 0x0f) == 8 && ((cmf << 8) | flg) % 31 == 0;
  }
}
