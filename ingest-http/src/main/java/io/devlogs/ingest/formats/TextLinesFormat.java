package io.devlogs.ingest.formats;

import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.text.LineGrouper;
import io.devlogs.text.StrictUtf8;
import java.nio.charset.StandardCharsets;

/**
 * {@code text/plain} bodies: one event per line, a stack trace's lines staying with the line that
 * logged it ({@link LineGrouper}, the same rule the Flink job reads text records with). Each event
 * becomes a text record; the stream and service come from the query parameters.
 */
final class TextLinesFormat {

  private final int maxEventBytes;

  TextLinesFormat(int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * @throws InvalidBodyException an empty body or one that is not UTF-8
   */
  DecodedBody decode(byte[] body) {
    String text =
        StrictUtf8.decode(body)
            .orElseThrow(
                () ->
                    InvalidBodyException.body(
                        "the body is not valid UTF-8 text: send text/plain; charset=utf-8"));
    DecodedBody.Builder decoded = new DecodedBody.Builder(EventBatch.Format.TEXT);
    for (LineGrouper.Group group : LineGrouper.groups(text)) {
      byte[] event = group.text().getBytes(StandardCharsets.UTF_8);
      if (event.length > maxEventBytes) {
        decoded.problem(
            EventProblem.atLine(
                    group.firstLine(),
                    "event is "
                        + event.length
                        + " bytes, the limit is "
                        + maxEventBytes
                        + " bytes per event")
                .asTooLarge());
      } else if (group.text().indexOf('\0') >= 0) {
        decoded.problem(
            EventProblem.atLine(group.firstLine(), "NUL character: binary data is not a log line"));
      } else {
        decoded.event(event);
      }
    }
    if (decoded.count() == 0) {
      throw InvalidBodyException.body("empty body: expected at least one line of text");
    }
    return decoded.build();
  }
}
