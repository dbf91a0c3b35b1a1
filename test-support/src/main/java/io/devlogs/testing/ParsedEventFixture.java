package io.devlogs.testing;

import io.devlogs.flink.records.Level;
import io.devlogs.topics.ParsedEvent;
import io.devlogs.topics.ParsedEventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * One event of the parsed topic (live tail) and its record value as the job writes it, for the
 * tests of both sides of that topic: nobody writes the JSON by hand.
 */
public final class ParsedEventFixture {

  private ParsedEventFixture() {}

  /**
   * A WARN event {@code e-17} of project {@code p_abc} at 2024-05-03T10:00:00.000001Z (a time with
   * micro- and nanoseconds), service {@code checkout}, stream {@code run-42}, message {@code
   * payment "slow"} (quotes to escape), attribute {@code user.id=17}, received 123 ms later, 312
   * bytes, kept 30 days.
   */
  public static ParsedEvent event() {
    Instant ts = Instant.parse("2024-05-03T10:00:00.000001Z");
    return new ParsedEvent(
        "e-17",
        "p_abc",
        ts.getEpochSecond() * 1_000_000_000L + ts.getNano(),
        Level.WARN,
        "checkout",
        "run-42",
        "payment \"slow\"",
        Map.of("user.id", "17"),
        Instant.parse("2024-05-03T10:00:00.123Z").toEpochMilli(),
        312,
        30);
  }

  /** {@link #event()} as the job writes it to the parsed topic. */
  public static byte[] value() {
    return ParsedEventJson.write(event());
  }

  /**
   * {@link #value()} with one more field, {@code "later": true}, as a newer job may write it: a
   * reader must ignore fields it does not know.
   */
  public static byte[] valueWithALaterField() {
    String json = new String(value(), StandardCharsets.UTF_8);
    return (json.substring(0, json.length() - 1) + ",\"later\":true}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
