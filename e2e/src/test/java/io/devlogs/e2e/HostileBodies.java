package io.devlogs.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Request bodies for {@code POST /v1/logs} that a hostile or merely unusual client sends: random
 * Unicode (lone surrogates, control characters, NUL, 4-byte characters), random bytes, JSON of
 * every shape (deep, wide, long names, huge numbers, odd times), in NDJSON, JSON arrays and text,
 * plain or gzip. JSON is written by hand so it can hold what a JSON library would refuse to write
 * (a lone surrogate escape).
 */
final class HostileBodies {

  /**
   * Where an event id goes: replaced by a fresh id per event when the body is sent ({@link
   * Body#toSend()}), because a generator may hand out the same value more than once (jqwik's edge
   * cases), and the job rightly drops an event whose id it has seen.
   */
  static final String ID = "@ID@";

  /** One request: its content type, whether gzip, and the body before ids and compression. */
  record Body(String contentType, boolean gzip, byte[] bytes, String summary) {
    @Override
    public String toString() {
      return summary;
    }

    /** The bytes to send: a fresh id in place of each {@link #ID}, then gzip if asked. */
    byte[] toSend() {
      byte[] withIds = bytes;
      String text = new String(bytes, StandardCharsets.ISO_8859_1); // byte-preserving
      if (text.contains(ID)) {
        StringBuilder sb = new StringBuilder(text.length());
        int from = 0;
        for (int at = text.indexOf(ID); at >= 0; at = text.indexOf(ID, from)) {
          sb.append(text, from, at).append(UUID.randomUUID());
          from = at + ID.length();
        }
        withIds = sb.append(text.substring(from)).toString().getBytes(StandardCharsets.ISO_8859_1);
      }
      return gzip ? HostileBodies.gzip(withIds) : withIds;
    }
  }

  private HostileBodies() {}

  static Arbitrary<Body> bodies() {
    return Arbitraries.oneOf(ndjson(), jsonArray(), text(), garbage())
        .flatMap(
            b ->
                Arbitraries.of(false, true)
                    .map(
                        gz ->
                            gz
                                ? new Body(b.contentType(), true, b.bytes(), b.summary() + ", gzip")
                                : b));
  }

  private static Arbitrary<Body> ndjson() {
    return Arbitraries.oneOf(jsonObject(), jsonObject(), jsonObject(), garbageLine())
        .list()
        .ofMinSize(1)
        .ofMaxSize(30)
        .map(
            lines ->
                body("application/x-ndjson", String.join("\n", lines), lines.size() + " lines"));
  }

  private static Arbitrary<Body> jsonArray() {
    return jsonObject()
        .list()
        .ofMinSize(1)
        .ofMaxSize(20)
        .map(
            objects ->
                body(
                    "application/json",
                    "[" + String.join(",", objects) + "]",
                    objects.size() + " objects"));
  }

  private static Arbitrary<Body> text() {
    return anyText(200)
        .list()
        .ofMinSize(1)
        .ofMaxSize(30)
        .map(lines -> body("text/plain", String.join("\n", lines), lines.size() + " text lines"));
  }

  private static Arbitrary<Body> garbage() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMaxSize(2000)
        .flatMap(
            bytes ->
                Arbitraries.of("application/x-ndjson", "application/json", "text/plain")
                    .map(type -> new Body(type, false, bytes, bytes.length + " random bytes")));
  }

  private static Arbitrary<String> garbageLine() {
    return anyText(80);
  }

  /** A JSON object of one event, written by hand. */
  static Arbitrary<String> jsonObject() {
    Arbitrary<String> message = anyText(300).map(HostileBodies::quote);
    Arbitrary<String> fields =
        Arbitraries.oneOf(
                Arbitraries.just(""),
                attributes(20, 30),
                attributes(1_200, 8), // more attributes than the bound
                attributes(3, 1_100), // names longer than the bound
                nested(40),
                Arbitraries.of(
                    ",\"n\":1e999999",
                    ",\"n\":-99999999999999999999999999999",
                    ",\"n\":0.000000000000000000000000001",
                    ",\"ts\":\"" + Instant.now().minusSeconds(5) + "\"",
                    ",\"ts\":" + Instant.now().toEpochMilli(),
                    ",\"ts\":\"not a time\"",
                    ",\"ts\":99999999999999999999",
                    ",\"ts\":-1",
                    ",\"level\":\"\\u0000\"",
                    ",\"level\":5",
                    ",\"stream\":\"" + "s".repeat(2_000) + "\"",
                    ",\"service\":\"\\ud800\"",
                    ",\"id\":\"" + "i".repeat(600) + "\"",
                    ",\"x\":{\"y\":[1,{\"z\":null}],\"w\":true}",
                    ",\"msg\":\"duplicate key\""))
            .list()
            .ofMaxSize(3)
            .map(list -> String.join("", list));
    return Combinators.combine(message, fields, anyText(20).map(HostileBodies::quote))
        .as(
            (msg, rest, stream) ->
                "{\"msg\":" + msg + ",\"id\":\"" + ID + "\",\"stream\":" + stream + rest + "}");
  }

  private static Arbitrary<String> attributes(int maxCount, int maxNameLength) {
    Arbitrary<String> name =
        anyText(maxNameLength)
            .filter(n -> !n.equals("id") && !n.isEmpty())
            .map(HostileBodies::quote);
    Arbitrary<String> value =
        Arbitraries.oneOf(
            anyText(50).map(HostileBodies::quote),
            Arbitraries.longs().map(n -> Long.toString(n)),
            Arbitraries.doubles().map(d -> Double.toString(d)),
            Arbitraries.of("true", "false", "null", "[]", "{}", "[1,\"a\",null]"));
    return Combinators.combine(name, value)
        .as((n, v) -> "," + n + ":" + v)
        .list()
        .ofMaxSize(maxCount)
        .map(list -> String.join("", list));
  }

  private static Arbitrary<String> nested(int maxDepth) {
    return Arbitraries.integers()
        .between(1, maxDepth)
        .map(d -> ",\"deep\":" + "{\"k\":".repeat(d) + "1" + "}".repeat(d));
  }

  /**
   * Any UTF-16 text up to {@code max} chars: any char (lone surrogates, controls, NUL), with a bias
   * to the characters that break stores and parsers, and no line breaks (one line).
   */
  static Arbitrary<String> anyText(int max) {
    Arbitrary<Character> nasty =
        Arbitraries.of(
            '\ud800', '\udfff', '\u0000', '\u001b', '\t', '\r', '"', '\\', '\u2028', '\ufeff',
            '\uffff', '\u00e9');
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, Arbitraries.chars().all()),
            net.jqwik.api.Tuple.of(3, nasty),
            net.jqwik.api.Tuple.of(5, Arbitraries.chars().alpha()))
        .filter(c -> c != '\n')
        .list()
        .ofMaxSize(max)
        .map(
            chars -> {
              StringBuilder sb = new StringBuilder(chars.size());
              chars.forEach(sb::append);
              if (sb.length() % 7 == 3) {
                sb.append("\ud83d\ude00"); // a valid 4-byte character now and then
              }
              return sb.toString();
            });
  }

  /** A JSON string literal: escapes what JSON must escape and every surrogate, as a JS engine. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static Body body(String contentType, String text, String summary) {
    // Lone surrogates in raw text cannot be UTF-8: the encoder writes '?' for them, as a client's
    // own encoder would.
    return new Body(contentType, false, text.getBytes(StandardCharsets.UTF_8), summary);
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
