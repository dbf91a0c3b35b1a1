package io.devlogs.ingest.formats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.devlogs.ingest.formats.InvalidBodyException.Position;
import io.devlogs.ingest.kafka.EventBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBodyParserTest {

  private final EventBodyParser parser = new EventBodyParser(1000);

  static List<String> strings(DecodedBody body) {
    return body.events().stream().map(b -> new String(b, UTF_8)).toList();
  }

  @Test
  void ndjsonKeepsEachLineExactlyAndSkipsBlankLines() {
    String body = "{\"msg\":\"a\",\"n\":1.50}\r\n\n   \n  {\"msg\":\"ü\"}  \n{}";
    DecodedBody decoded = parser.parseNdjson(body.getBytes(UTF_8));
    assertThat(strings(decoded))
        .containsExactly("{\"msg\":\"a\",\"n\":1.50}", "{\"msg\":\"ü\"}", "{}");
    assertThat(decoded.problems()).isEmpty();
    assertThat(decoded.recordFormat()).isEqualTo(EventBatch.Format.JSON);
  }

  @Test
  void ndjsonRejectsBadLinesAndKeepsTheOthers() {
    String body =
        "{\"a\":1}\n\n[1,2]\n{\"b\":2}\n{\"c\":\n\"hello\"\n{} {}\n{\"d\":4}\n{\"a\":{\"b\":1}";
    DecodedBody decoded = parser.parseNdjson(body.getBytes(UTF_8));
    assertThat(strings(decoded)).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"d\":4}");
    assertThat(decoded.total()).isEqualTo(8);
    assertThat(decoded.positions()).containsExactly(0, 2, 6);
    assertThat(decoded.problems())
        .extracting(EventProblem::position, EventProblem::number)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Position.LINE, 3),
            org.assertj.core.groups.Tuple.tuple(Position.LINE, 5),
            org.assertj.core.groups.Tuple.tuple(Position.LINE, 6),
            org.assertj.core.groups.Tuple.tuple(Position.LINE, 7),
            org.assertj.core.groups.Tuple.tuple(Position.LINE, 9));
    assertThat(decoded.problems().get(0).problem())
        .isEqualTo("expected a JSON object, found an array");
    assertThat(decoded.problems().get(1).problem()).startsWith("malformed JSON");
    assertThat(decoded.problems().get(2).problem())
        .isEqualTo("expected a JSON object, found a string");
    assertThat(decoded.problems().get(3).problem()).contains("after the JSON object");
    assertThat(decoded.problems()).noneMatch(EventProblem::tooLarge);
  }

  @Test
  void emptyBodiesAreRejectedWhole() {
    for (String body : new String[] {"", "\n\n", " \r\n "}) {
      InvalidBodyException e =
          catchThrowableOfType(
              InvalidBodyException.class, () -> parser.parseNdjson(body.getBytes(UTF_8)));
      assertThat(e.position()).isEqualTo(Position.BODY);
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
  void jsonObjectAndArrayKeepExactBytes() {
    assertThat(strings(parser.parseJson(" {\"a\": [1, {\"b\": null}]}\n".getBytes(UTF_8))))
        .containsExactly("{\"a\": [1, {\"b\": null}]}");
    String body = "[ {\"a\":1} ,{\"b\":{\"c\":[]}}]";
    assertThat(strings(parser.parseJson(body.getBytes(UTF_8))))
        .containsExactly("{\"a\":1}", "{\"b\":{\"c\":[]}}");
  }

  @Test
  void arrayElementsOfWrongTypeAreRejectedByIndex() {
    byte[] body = "[{\"a\":1}, [1, {}], 3, {\"b\":2}, \"s\", null]".getBytes(UTF_8);
    DecodedBody decoded = parser.parseJson(body);
    assertThat(strings(decoded)).containsExactly("{\"a\":1}", "{\"b\":2}");
    assertThat(decoded.problems())
        .extracting(EventProblem::describe)
        .containsExactly(
            "index 1: expected a JSON object, found an array",
            "index 2: expected a JSON object, found a number",
            "index 4: expected a JSON object, found a string",
            "index 5: expected a JSON object, found null");
  }

  @Test
  void aBodyThatCannotBeFramedIsRejectedWhole() {
    for (String body : new String[] {"[{}, {\"a\" 1}]", "[{}, {}", "[{}] {}", "{} x", "{\"a\":"}) {
      InvalidBodyException e =
          catchThrowableOfType(
              InvalidBodyException.class, () -> parser.parseJson(body.getBytes(UTF_8)));
      assertThat(e).as(body).isNotNull();
      assertThat(e.tooLarge()).isFalse();
    }
    assertThat(
            catchThrowableOfType(
                    InvalidBodyException.class, () -> parser.parseJson("true".getBytes(UTF_8)))
                .problem())
        .isEqualTo("expected a JSON object or an array of objects, found a boolean");
  }

  @Test
  void oversizedEventIsRejectedAsTooLargeNamingItsPosition() {
    String big = "{\"m\":\"" + "x".repeat(1000) + "\"}";
    DecodedBody lines = parser.parseNdjson(("{}\n" + big).getBytes(UTF_8));
    assertThat(lines.events()).hasSize(1);
    assertThat(lines.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.tooLarge()).isTrue();
              assertThat(p.number()).isEqualTo(2);
              assertThat(p.problem()).contains("limit is 1000 bytes");
            });

    DecodedBody array = parser.parseJson(("[" + big + ", {}]").getBytes(UTF_8));
    assertThat(array.events()).hasSize(1);
    assertThat(array.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.tooLarge()).isTrue();
              assertThat(p.position()).isEqualTo(Position.INDEX);
              assertThat(p.number()).isZero();
            });

    InvalidBodyException single =
        catchThrowableOfType(
            InvalidBodyException.class, () -> parser.parseJson(big.getBytes(UTF_8)));
    assertThat(single.tooLarge()).isTrue();
  }
}
