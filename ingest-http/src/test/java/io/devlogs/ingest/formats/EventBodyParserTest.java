package io.devlogs.ingest.formats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventBodyParserTest {

  private final EventBodyParser parser = new EventBodyParser(1000);

  private static List<String> strings(List<byte[]> events) {
    return events.stream().map(b -> new String(b, UTF_8)).toList();
  }

  @Test
  void ndjsonKeepsEachLineExactlyAndSkipsBlankLines() {
    String body = "{\"msg\":\"a\",\"n\":1.50}\r\n\n   \n  {\"msg\":\"ü\"}  \n{}";
    assertThat(strings(parser.parseNdjson(body.getBytes(UTF_8))))
        .containsExactly("{\"msg\":\"a\",\"n\":1.50}", "{\"msg\":\"ü\"}", "{}");
  }

  @Test
  void ndjsonNamesTheLineOfANonObject() {
    byte[] body = "{\"a\":1}\n\n[1,2]\n{\"b\":2}".getBytes(UTF_8);
    InvalidBodyException e =
        catchThrowableOfType(InvalidBodyException.class, () -> parser.parseNdjson(body));
    assertThat(e.position()).isEqualTo(InvalidBodyException.Position.LINE);
    assertThat(e.number()).isEqualTo(3);
    assertThat(e.problem()).isEqualTo("expected a JSON object, found an array");
    assertThat(e.tooLarge()).isFalse();
  }

  @Test
  void ndjsonNamesTheLineOfMalformedJson() {
    byte[] body = "{\"a\":1}\n{\"a\":}\n".getBytes(UTF_8);
    InvalidBodyException e =
        catchThrowableOfType(InvalidBodyException.class, () -> parser.parseNdjson(body));
    assertThat(e.number()).isEqualTo(2);
    assertThat(e.problem()).startsWith("malformed JSON");
  }

  @Test
  void ndjsonRejectsTwoObjectsOnOneLineAndUnclosedObjects() {
    InvalidBodyException twoObjects =
        catchThrowableOfType(
            InvalidBodyException.class, () -> parser.parseNdjson("{} {}".getBytes(UTF_8)));
    assertThat(twoObjects.number()).isEqualTo(1);
    assertThat(twoObjects.problem()).contains("after the JSON object");

    InvalidBodyException unclosed =
        catchThrowableOfType(
            InvalidBodyException.class,
            () -> parser.parseNdjson("{}\n{\"a\":{\"b\":1}".getBytes(UTF_8)));
    assertThat(unclosed.number()).isEqualTo(2);
  }

  @Test
  void ndjsonRejectsScalars() {
    InvalidBodyException e =
        catchThrowableOfType(
            InvalidBodyException.class, () -> parser.parseNdjson("\"hello\"".getBytes(UTF_8)));
    assertThat(e.problem()).isEqualTo("expected a JSON object, found a string");
  }

  @Test
  void emptyOrBlankBodiesAreRejected() {
    for (String body : List.of("", "\n\n  \r\n")) {
      InvalidBodyException e =
          catchThrowableOfType(
              InvalidBodyException.class, () -> parser.parseNdjson(body.getBytes(UTF_8)));
      assertThat(e.position()).isEqualTo(InvalidBodyException.Position.BODY);
      assertThat(e.problem()).startsWith("empty body");
    }
    assertThat(
            catchThrowableOfType(
                    InvalidBodyException.class, () -> parser.parseJson(" ".getBytes(UTF_8)))
                .problem())
        .startsWith("empty body");
    assertThat(
            catchThrowableOfType(
                    InvalidBodyException.class, () -> parser.parseJson("[ ]".getBytes(UTF_8)))
                .problem())
        .startsWith("empty array");
  }

  @Test
  void jsonObjectIsOneEvent() {
    assertThat(strings(parser.parseJson(" {\"a\": [1, {\"b\": null}]}\n".getBytes(UTF_8))))
        .containsExactly("{\"a\": [1, {\"b\": null}]}");
  }

  @Test
  void jsonArrayElementsKeepTheirExactBytes() {
    String body = "[ {\"a\": 1.0e3} ,{\"b\":\"x]}\"},\n{} ]";
    assertThat(strings(parser.parseJson(body.getBytes(UTF_8))))
        .containsExactly("{\"a\": 1.0e3}", "{\"b\":\"x]}\"}", "{}");
  }

  @Test
  void jsonArrayNamesTheIndexOfANonObject() {
    byte[] body = "[{}, {}, 42, {}]".getBytes(UTF_8);
    InvalidBodyException e =
        catchThrowableOfType(InvalidBodyException.class, () -> parser.parseJson(body));
    assertThat(e.position()).isEqualTo(InvalidBodyException.Position.INDEX);
    assertThat(e.number()).isEqualTo(2);
    assertThat(e.problem()).isEqualTo("expected a JSON object, found a number");
  }

  @Test
  void jsonArrayNamesTheIndexOfMalformedJson() {
    byte[] body = "[{}, {\"a\" 1}]".getBytes(UTF_8);
    InvalidBodyException e =
        catchThrowableOfType(InvalidBodyException.class, () -> parser.parseJson(body));
    assertThat(e.number()).isEqualTo(1);
    assertThat(e.problem()).startsWith("malformed JSON");
  }

  @Test
  void jsonRejectsUnclosedArrayTrailingContentAndScalars() {
    assertThat(
            catchThrowableOfType(
                    InvalidBodyException.class, () -> parser.parseJson("[{}, {}".getBytes(UTF_8)))
                .number())
        .isEqualTo(2);
    assertThat(
            catchThrowableOfType(
                    InvalidBodyException.class, () -> parser.parseJson("[{}] {}".getBytes(UTF_8)))
                .problem())
        .contains("after the closing ']'");
    assertThat(
            catchThrowableOfType(
                    InvalidBodyException.class, () -> parser.parseJson("{} x".getBytes(UTF_8)))
                .problem())
        .contains("after the JSON object");
    assertThat(
            catchThrowableOfType(
                    InvalidBodyException.class, () -> parser.parseJson("true".getBytes(UTF_8)))
                .problem())
        .isEqualTo("expected a JSON object or an array of objects, found a boolean");
  }

  @Test
  void oversizedEventIsTooLargeAndNamesItsPosition() {
    String big = "{\"m\":\"" + "x".repeat(1000) + "\"}";
    InvalidBodyException line =
        catchThrowableOfType(
            InvalidBodyException.class, () -> parser.parseNdjson(("{}\n" + big).getBytes(UTF_8)));
    assertThat(line.tooLarge()).isTrue();
    assertThat(line.number()).isEqualTo(2);
    assertThat(line.problem()).contains("limit is 1000 bytes");

    InvalidBodyException index =
        catchThrowableOfType(
            InvalidBodyException.class, () -> parser.parseJson(("[" + big + "]").getBytes(UTF_8)));
    assertThat(index.tooLarge()).isTrue();
    assertThat(index.number()).isZero();
  }
}
