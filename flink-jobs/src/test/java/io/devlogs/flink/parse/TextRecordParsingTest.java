package io.devlogs.flink.parse;

import static io.devlogs.flink.parse.LogEventParserFixtureTest.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.RawLogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text records end to end through {@link LogEventParser}, including hostile input. */
class TextRecordParsingTest {

  private final LogEventParser parser = new LogEventParser();

  private static RawLogRecord text(byte[] value, String service) {
    return new RawLogRecord(
        "p_test",
        value,
        "p_test",
        Long.toString(RECEIVED),
        "text",
        "s-h",
        service,
        "t",
        0,
        9,
        RECEIVED);
  }

  private ParseResult parse(String value) {
    return parser.parse(text(value.getBytes(StandardCharsets.UTF_8), "svc-h"));
  }

  private LogEvent parsed(String value) {
    ParseResult result = parse(value);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).event();
  }

  private String failure(byte[] value) {
    ParseResult result = parser.parse(text(value, null));
    assertThat(result).isInstanceOf(ParseResult.Failed.class);
    return ((ParseResult.Failed) result).reason();
  }

  @Test
  void textLinesTakeServiceAndStreamFromHeadersButLogfmtMayNameThem() {
    LogEvent log4j = parsed("2024-01-02 03:04:05 INFO [main] com.acme.X: hi\n");
    assertThat(log4j.service()).isEqualTo("svc-h");
    assertThat(log4j.stream()).isEqualTo("s-h");
    assertThat(log4j.attributes()).containsEntry("logger", "com.acme.X");

    LogEvent logfmt = parsed("level=warn msg=hi service=api stream=run-1 id=e-7 logger=l");
    assertThat(logfmt.service()).isEqualTo("api");
    assertThat(logfmt.stream()).isEqualTo("run-1");
    assertThat(logfmt.eventId()).isEqualTo("e-7");
    assertThat(logfmt.attributes()).containsExactly(Map.entry("logger", "l"));
  }

  @Test
  void aJsonLineInATextRecordIsReadAsJson() {
    LogEvent e = parsed("{\"level\":\"error\",\"msg\":\"from json\",\"k\":1}\n");
    assertThat(e.level()).isEqualTo(Level.ERROR);
    assertThat(e.message()).isEqualTo("from json");
    assertThat(e.attributes()).containsExactly(Map.entry("k", "1"));

    LogEvent broken = parsed("{not json}");
    assertThat(broken.message()).isEqualTo("{not json}");
    assertThat(broken.level()).isEqualTo(Level.INFO);
  }

  @Test
  void continuationLinesStayInTheMessage() {
    LogEvent e =
        parsed(
            "2024-01-02 03:04:05,123 ERROR [main] com.acme.X: failed  \n"
                + "java.lang.IllegalStateException: boom\n"
                + "\tat com.acme.X.run(X.java:1)\n");
    assertThat(e.level()).isEqualTo(Level.ERROR);
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-01-02T03:04:05.123Z"));
    assertThat(e.message())
        .isEqualTo("failed\njava.lang.IllegalStateException: boom\n\tat com.acme.X.run(X.java:1)");
  }

  @Test
  void outOfRangeLineTimesFallBackToTheReceivedTime() {
    LogEvent e = parsed("2200-01-01T00:00:00Z ERROR too late");
    assertThat(e.level()).isEqualTo(Level.ERROR);
    assertThat(e.epochNanos()).isEqualTo(RECEIVED * 1_000_000L);
  }

  @Test
  void emptyAndBlankRecordsFail() {
    assertThat(failure(new byte[0])).isEqualTo("empty text record: no line to parse");
    assertThat(failure("\r\n \n\t".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("empty text record: no line to parse");
  }

  @Test
  void binaryJunkFailsWithAReason() {
    assertThat(failure(new byte[] {(byte) 0xC3, (byte) 0x28, 'a'})).contains("not valid UTF-8");
    assertThat(failure(new byte[] {'a', 0, 'b'})).contains("NUL");
    byte[] random = new byte[4096];
    new java.util.Random(42).nextBytes(random);
    assertThat(failure(random)).contains("binary data is not a log line");
  }

  @Test
  void brokenJsonRecordsFailWithAReason() {
    RawLogRecord json =
        new RawLogRecord(
            "p", new byte[] {'{', (byte) 0xFF, '}'}, "p", null, "json", null, null, "t", 0, 1, 1L);
    assertThat(parser.parse(json))
        .isInstanceOfSatisfying(
            ParseResult.Failed.class, f -> assertThat(f.reason()).startsWith("invalid JSON"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a=",
        "[",
        "[[[[[[[[",
        "<",
        "<1>",
        "<1>1",
        "<1>1 ",
        "<1>1 - - - - - [",
        "<1>1 - h a p m [x",
        "<1>1 - h a p m [x y=\"",
        "Dec",
        "Dec 10",
        "Dec 10 06:55:46",
        "Dec 10 06:55:46 ",
        "1.2.3.4 - - [",
        "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"",
        "- - [x] \"\" 200",
        "2024-01-02",
        "2024-01-02 03:04:05",
        "2024-01-02 03:04:05 -",
        "2024-01-02 03:04:05 [",
        "k=\"unterminated",
        "I0102 03:04:05.1",
        "WARNING:",
        "WARNING:x",
        "\uFEFF",
        "\u00A0x",
        "=\"\"=",
        "ERROR",
        "[ERROR]",
        "- INFO -",
        "  leading spaces"
      })
  void truncatedAndOddLinesNeverThrow(String line) {
    assertThat(parse(line)).isInstanceOf(ParseResult.Parsed.class);
  }

  @Test
  void oneMegabyteLinesParseWithoutBacktracking() {
    String[] seeds = {
      "a",
      "k=v ",
      "[",
      "\"",
      "2024-01-02 03:04:05 INFO ",
      "<1>1 ",
      "Dec 10 06:55:46 h ",
      "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"",
      "x=\"\\",
      " - ",
      "{"
    };
    long start = System.nanoTime();
    for (String seed : seeds) {
      String line = seed + seed.repeat(1_000_000 / seed.length());
      assertThat(parse(line)).isInstanceOf(ParseResult.Parsed.class);
    }
    // Not a speed figure: linear parsing of these lines takes well under a second anywhere, a
    // pattern that backtracks on them takes hours; the bound tells the two apart on a loaded
    // machine.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
  }
}
