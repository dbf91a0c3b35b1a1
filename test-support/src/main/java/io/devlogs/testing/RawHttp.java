package io.devlogs.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes that need not be valid HTTP over a plain socket and reads the server's answer, for
 * tests of malformed requests (which HTTP clients refuse to send).
 */
public final class RawHttp {

  /** A parsed response: status, headers (lower-case names) and body as text. */
  public record Response(int status, Map<String, String> headers, String body) {}

  private RawHttp() {}

  /**
   * Writes {@code request} and reads until the server closes or {@code timeout} passes without a
   * byte. The socket's output stays open, so a half-sent body stays half-sent.
   */
  public static Response exchange(int port, byte[] request, Duration timeout) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      return parse(readAnswer(socket.getInputStream()));
    }
  }

  public static Response exchange(int port, String request, Duration timeout) throws IOException {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), timeout);
  }

  /** Reads one response: headers, then Content-Length bytes or until the server closes. */
  private static byte[] readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    try {
      int b;
      int headerEnd = -1;
      long contentLength = -1;
      while ((b = in.read()) >= 0) {
        seen.write(b);
        if (headerEnd < 0 && endsWithBlankLine(seen)) {
          headerEnd = seen.size();
          contentLength = contentLength(seen.toString(StandardCharsets.ISO_8859_1));
        }
        if (headerEnd >= 0 && contentLength >= 0 && seen.size() >= headerEnd + contentLength) {
          break;
        }
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      if (seen.size() == 0) {
        throw e;
      }
    }
    return seen.toByteArray();
  }

  private static boolean endsWithBlankLine(ByteArrayOutputStream seen) {
    byte[] b = seen.toByteArray();
    int n = b.length;
    return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
  }

  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Long.parseLong(line.substring(15).trim());
      }
    }
    return -1;
  }

  private static Response parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    String head = split < 0 ? text : text.substring(0, split);
    String body = split < 0 ? "" : text.substring(split + 4);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new Response(status, headers, body);
  }

  private static String unchunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < chunked.length()) {
      int eol = chunked.indexOf("\r\n", i);
      if (eol < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(i, eol).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
      i = eol + 2 + size + 2;
    }
    return out.toString();
  }
}
