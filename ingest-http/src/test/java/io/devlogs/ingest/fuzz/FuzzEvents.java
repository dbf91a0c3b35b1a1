package io.devlogs.ingest.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.devlogs.events.EventBounds;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Single events for the ingest fuzz test, as the bytes of one NDJSON line or array element: valid
 * ones, and shapes that have broken something (deep, wide, long names, huge numbers, duplicate
 * keys, surrogates, fields around their bounds), and not-JSON.
 */
final class FuzzEvents {

  private FuzzEvents() {}

  /** Any JSON value (not always an object): safe to put in an array and count as one element. */
  static Arbitrary<String> jsonValue() {
    return Arbitraries.frequencyOf(
        Tuple.of(10, plain()),
        Tuple.of(2, deep()),
        Tuple.of(2, wide()),
        Tuple.of(2, longName()),
        Tuple.of(2, hugeNumber()),
        Tuple.of(2, duplicateKeys()),
        Tuple.of(3, surrogates()),
        Tuple.of(3, aroundBounds()),
        Tuple.of(2, notAnObject()));
  }

  /** A line of an NDJSON body: a JSON value or garbage, never holding a line break. */
  static Arbitrary<byte[]> ndjsonLine() {
    return Arbitraries.frequencyOf(
            Tuple.of(8, jsonValue().map(s -> s.getBytes(UTF_8))),
            Tuple.of(1, unicode(200).map(s -> s.getBytes(UTF_8))),
            Tuple.of(1, bytes(200)),
            Tuple.of(
                1,
                Arbitraries.of("{", "{\"a\":", "}", "[", "{\"a\":1}{}", "nul")
                    .map(s -> s.getBytes(UTF_8))))
        .map(FuzzEvents::oneLine);
  }

  static Arbitrary<String> plain() {
    return Combinators.combine(
            unicode(60), Arbitraries.of("info", "warn", "ERROR", "7", ""), attributes(5))
        .as(
            (msg, level, attrs) ->
                "{\"msg\":" + quote(msg) + ",\"level\":" + quote(level) + attrs + "}");
  }

  static Arbitrary<String> deep() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 1100).withDistribution(RandomDistribution.biased()),
            Arbitraries.of("[]", "{}"))
        .as(
            (depth, brackets) -> {
              String open = brackets.equals("[]") ? "[" : "{\"a\":";
              String close = brackets.equals("[]") ? "]" : "}";
              String inner = brackets.equals("[]") ? "" : "1";
              return "{\"d\":" + open.repeat(depth) + inner + close.repeat(depth) + "}";
            });
  }

  static Arbitrary<String> wide() {
    return Arbitraries.integers()
        .between(EventBounds.MAX_ATTRIBUTES - 5, EventBounds.MAX_ATTRIBUTES + 10)
        .map(
            n ->
                IntStream.range(0, n)
                    .mapToObj(i -> "\"k" + i + "\":" + i)
                    .collect(Collectors.joining(",", "{", "}")));
  }

  static Arbitrary<String> longName() {
    return Arbitraries.oneOf(
            Arbitraries.integers()
                .between(
                    EventBounds.MAX_ATTRIBUTE_NAME_CHARS - 2,
                    EventBounds.MAX_ATTRIBUTE_NAME_CHARS + 2),
            Arbitraries.integers().between(49_998, 50_003),
            Arbitraries.integers().between(1, 70_000))
        .map(n -> "{\"" + "n".repeat(n) + "\":1,\"msg\":\"long name\"}");
  }

  static Arbitrary<String> hugeNumber() {
    return Arbitraries.oneOf(
            Arbitraries.integers().between(990, 1010).map("9"::repeat),
            Arbitraries.integers().between(1, 999_999_999).map(e -> "1e" + e),
            Arbitraries.integers().between(1, 999_999_999).map(e -> "-1.5e-" + e),
            Arbitraries.of(
                "1e309", "-0", "0.0000000000000000000001", "123456789012345678901234567890"))
        .flatMap(
            number ->
                Arbitraries.of("ts", "level", "n", "id", "msg")
                    .map(key -> "{\"" + key + "\":" + number + "}"));
  }

  static Arbitrary<String> duplicateKeys() {
    return Arbitraries.of(
        "{\"a\":1,\"a\":2}",
        "{\"msg\":\"x\",\"msg\":{\"y\":1}}",
        "{\"id\":\"a\",\"id\":\"b\",\"ts\":1,\"ts\":\"x\"}",
        "{\"a\":{\"b\":1},\"a.b\":2}",
        "{\"trace_id\":\"\",\"traceId\":\"t\",\"trace_id\":null}");
  }

  static Arbitrary<String> surrogates() {
    return Arbitraries.of(
            "\\ud800", "\\udfff", "\\ud83d\\ude00", "\\ude00\\ud83d", "x \\ud800 y", "\\u0000")
        .flatMap(
            s ->
                Arbitraries.of("msg", "service", "stream", "id", "attr")
                    .map(key -> "{\"" + key + "\":\"" + s + "\",\"" + s + "\":\"" + s + "\"}"));
  }

  static Arbitrary<String> aroundBounds() {
    return Arbitraries.of(
            field("id", EventBounds.MAX_ID_CHARS),
            field("service", EventBounds.MAX_SERVICE_CHARS),
            field("app", EventBounds.MAX_SERVICE_CHARS),
            field("stream", EventBounds.MAX_STREAM_CHARS))
        .flatMap(f -> f);
  }

  private static Arbitrary<String> field(String name, int max) {
    return Arbitraries.integers()
        .between(max - 2, max + 2)
        .map(n -> "{\"" + name + "\":\"" + "x".repeat(n) + "\"}");
  }

  static Arbitrary<String> notAnObject() {
    return Arbitraries.of("1", "\"text\"", "[]", "[{}]", "null", "true", "{}");
  }

  private static Arbitrary<String> attributes(int max) {
    return Combinators.combine(unicode(20), unicode(40))
        .as((k, v) -> "," + quote(k) + ":" + quote(v))
        .list()
        .ofMaxSize(max)
        .map(list -> String.join("", list));
  }

  /** Any characters, lone surrogates and controls included. */
  static Arbitrary<String> unicode(int maxLength) {
    return Arbitraries.strings().all().ofMaxLength(maxLength);
  }

  static Arbitrary<byte[]> bytes(int maxLength) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength);
  }

  /** A JSON string literal of {@code s}, escaping what JSON requires (surrogates kept as \\u). */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static byte[] oneLine(byte[] line) {
    byte[] copy = line.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] == '\n') {
        copy[i] = ' ';
      }
    }
    return copy;
  }
}
