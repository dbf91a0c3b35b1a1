package io.devlogs.ingest.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.devlogs.ingest.kafka.EventBatch;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a JSON or NDJSON request body into events and checks that each is one well-formed JSON
 * object within {@link io.devlogs.events.EventBounds} ({@link JsonEventReader}). Each event keeps
 * the exact bytes the client sent, sliced out of the body. Invalid events are reported, not thrown,
 * so the valid ones of the same request can be accepted.
 *
 * <p>Thread-safe: a streaming parser frames the events, and each event is read once as a tree.
 */
public final class EventBodyParser {

  private final int maxEventBytes;

  /**
   * @param maxEventBytes the largest single event accepted; must stay below Kafka's {@code
   *     max.request.size} / the broker's {@code message.max.bytes} (about 1 MB by default)
   */
  public EventBodyParser(int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * Events of an NDJSON body: one JSON object per line, blank lines ignored, {@code \r\n} allowed.
   * A bad line is a problem naming its 1-based line; the other lines are still events.
   *
   * @throws InvalidBodyException if the body holds no line at all
   */
  public DecodedBody parseNdjson(byte[] body) {
    DecodedBody.Builder decoded = new DecodedBody.Builder(EventBatch.Format.JSON);
    int line = 0;
    int start = 0;
    while (start <= body.length) {
      int end = indexOf(body, (byte) '\n', start);
      if (end < 0) {
        end = body.length;
      }
      line++;
      int from = skipWhitespace(body, start, end);
      int to = trimWhitespaceEnd(body, from, end);
      if (from < to) {
        if (to - from > maxEventBytes) {
          decoded.problem(EventProblem.atLine(line, tooLargeProblem(to - from)).asTooLarge());
        } else {
          String problem = JsonEventReader.problem(body, from, to);
          if (problem == null) {
            decoded.event(Arrays.copyOfRange(body, from, to));
          } else {
            decoded.problem(EventProblem.atLine(line, problem));
          }
        }
      }
      start = end + 1;
    }
    if (decoded.count() == 0) {
      throw InvalidBodyException.body("empty body: expected at least one JSON object");
    }
    return decoded.build();
  }

  /**
   * Events of a JSON body: either one object or an array of objects. An array element that is not
   * an object, or too large, is a problem naming its 0-based index; the other elements are events.
   *
   * @throws InvalidBodyException if the body is empty or not well-formed JSON (then no element can
   *     be trusted)
   */
  public DecodedBody parseJson(byte[] body) {
    int from = skipWhitespace(body, 0, body.length);
    if (from == body.length) {
      throw InvalidBodyException.body("empty body: expected a JSON object or an array of objects");
    }
    if (body[from] == '{') {
      int to = trimWhitespaceEnd(body, from, body.length);
      if (to - from > maxEventBytes) {
        throw InvalidBodyException.body(tooLargeProblem(to - from)).asTooLarge();
      }
      String problem = JsonEventReader.problem(body, from, to);
      if (problem != null) {
        throw InvalidBodyException.body(problem);
      }
      return new DecodedBody(
          EventBatch.Format.JSON,
          List.of(Arrays.copyOfRange(body, from, to)),
          List.of(0),
          List.of());
    }
    if (body[from] != '[') {
      throw InvalidBodyException.body(
          "expected a JSON object or an array of objects, found " + describeStart(body[from]));
    }
    return parseArray(body);
  }

  private DecodedBody parseArray(byte[] body) {
    DecodedBody.Builder decoded = new DecodedBody.Builder(EventBatch.Format.JSON);
    int index = 0;
    try (JsonParser parser = JsonEventReader.FRAMING.createParser(body)) {
      parser.nextToken(); // START_ARRAY, checked by the caller
      JsonToken token;
      while ((token = nextTokenAt(parser, index)) != JsonToken.END_ARRAY) {
        if (token != JsonToken.START_OBJECT) {
          decoded.problem(
              EventProblem.atIndex(index, "expected a JSON object, found " + describe(token)));
          skipChildrenAt(parser, index, parser.currentToken().isStructStart());
          index++;
          continue;
        }
        int from = (int) parser.currentTokenLocation().getByteOffset();
        skipChildrenAt(parser, index, true);
        int to = (int) parser.currentLocation().getByteOffset();
        if (to - from > maxEventBytes) {
          decoded.problem(EventProblem.atIndex(index, tooLargeProblem(to - from)).asTooLarge());
        } else {
          String problem = JsonEventReader.problem(body, from, to);
          if (problem == null) {
            decoded.event(Arrays.copyOfRange(body, from, to));
          } else {
            decoded.problem(EventProblem.atIndex(index, problem));
          }
        }
        index++;
      }
      if (!JsonEventReader.nothingFollows(parser)) {
        throw InvalidBodyException.body("unexpected content after the closing ']' of the array");
      }
    } catch (IOException e) {
      throw new IllegalStateException("reading an in-memory body cannot fail", e);
    }
    if (index == 0) {
      throw InvalidBodyException.body("empty array: expected at least one JSON object");
    }
    return decoded.build();
  }

  private static JsonToken nextTokenAt(JsonParser parser, int index) throws IOException {
    try {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw InvalidBodyException.atIndex(
            index, "unexpected end of body: the array is not closed");
      }
      return token;
    } catch (JsonProcessingException e) {
      throw InvalidBodyException.atIndex(index, framingProblem(e));
    }
  }

  private static void skipChildrenAt(JsonParser parser, int index, boolean structure)
      throws IOException {
    if (!structure) {
      return;
    }
    try {
      parser.skipChildren();
      if (!parser.currentToken().isStructEnd()) {
        throw InvalidBodyException.atIndex(index, "unexpected end of body inside the element");
      }
    } catch (JsonProcessingException e) {
      throw InvalidBodyException.atIndex(index, framingProblem(e));
    }
  }

  private static String framingProblem(JsonProcessingException e) {
    return e instanceof StreamConstraintsException
        ? "JSON nested deeper than "
            + JsonEventReader.MAX_FRAMING_DEPTH
            + " levels: the array cannot be split into events"
        : "malformed JSON: " + e.getOriginalMessage();
  }

  private String tooLargeProblem(int size) {
    return "event is " + size + " bytes, the limit is " + maxEventBytes + " bytes per event";
  }

  static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() != null ? "'" + token.asString() + "'" : token.name();
    };
  }

  private static String describeStart(byte b) {
    return switch (b) {
      case '"' -> "a string";
      case 't', 'f' -> "a boolean";
      case 'n' -> "null";
      default -> (b == '-' || (b >= '0' && b <= '9')) ? "a number" : "'" + (char) b + "'";
    };
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static int skipWhitespace(byte[] bytes, int from, int to) {
    while (from < to && isWhitespace(bytes[from])) {
      from++;
    }
    return from;
  }

  private static int trimWhitespaceEnd(byte[] bytes, int from, int to) {
    while (to > from && isWhitespace(bytes[to - 1])) {
      to--;
    }
    return to;
  }
}
