package io.devlogs.flink.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.RawLogRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of text parsing: lines built from the pieces real headers are made of
 * (dates, times, zones, levels, brackets, separators, numbers, month names), long repetitions of
 * them, and random Unicode. For every line: parsing never throws and gives an event with a time the
 * stores take; a line read by {@link LinePrefix} has a suffix of itself as message; and what {@link
 * LinePrefix} finds (level, time) depends on the first {@link LinePrefix#SCAN_LIMIT} characters
 * only, so the work per line is bounded whatever follows.
 */
class TextLineFuzzTest {

  private static final long RECEIVED = 1_714_564_805_000L; // 2024-05-01T12:00:05Z

  private static final List<String> PIECES =
      List.of(
          "2024-01-02",
          "2024/01/02",
          "02.01.2024",
          "01/02/24",
          "0102",
          "20240102",
          "03:04:05",
          "3:04:05",
          ".123",
          ",123456",
          ":606",
          "T",
          "Z",
          "+02:00",
          "-0800",
          " PDT",
          " UTC",
          "AM",
          "PM",
          "Jan",
          "Sept",
          "Mon,",
          "31",
          "29",
          "1700000000",
          "1700000000123",
          "99999999999",
          "INFO",
          "error",
          "Warn",
          "SEVERE",
          "crit",
          "E",
          "W",
          "I/",
          "V/Tag(",
          "): ",
          "level=",
          "lvl=\"",
          "[",
          "]",
          "(",
          ")",
          "<",
          ">",
          "{",
          "}",
          "|",
          ":",
          "::",
          ": ",
          " ",
          "  ",
          "\t",
          "-",
          " - ",
          "--",
          "*",
          "#",
          "=",
          "\"",
          "\\",
          ".",
          "..",
          "a.b.c",
          "x.go:12:",
          "12#34:",
          "1:M",
          "stdout F ",
          "é",
          "\uD83D\uDE00",
          "\u0000",
          "\u2028",
          "<134>",
          "<34>1 ",
          "Dec 10 ");

  @Provide
  Arbitrary<String> headerLikeLines() {
    return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(40).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> longRepetitions() {
    return Arbitraries.of(PIECES)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .flatMap(
            l ->
                Arbitraries.integers()
                    .between(100, 20_000)
                    .map(times -> String.join("", l).repeat(times)));
  }

  @Property(tries = 3000)
  void headerLikeLinesParse(@ForAll("headerLikeLines") String line) {
    checkLine(line);
  }

  @Property(tries = 300)
  void anyUnicodeParses(@ForAll String line) {
    checkLine(line);
  }

  @Property(tries = 60)
  void longRepetitionsParse(@ForAll("longRepetitions") String line) {
    checkLine(line);
  }

  @Property(tries = 500)
  void whatLinePrefixFindsDependsOnTheHeadOnly(
      @ForAll("headerLikeLines") String head, @ForAll("headerLikeLines") String tail) {
    String padded = (head + " ".repeat(LinePrefix.SCAN_LIMIT)).substring(0, LinePrefix.SCAN_LIMIT);
    ParsedLine a = new ParsedLine();
    ParsedLine b = new ParsedLine();
    boolean readA = new LinePrefix().read(padded, RECEIVED, a);
    boolean readB = new LinePrefix().read(padded + tail, RECEIVED, b);
    assertThat(readB).isEqualTo(readA);
    assertThat(b.level).isEqualTo(a.level);
    assertThat(b.epochNanos).isEqualTo(a.epochNanos);
    assertThat(b.attributes).isEqualTo(a.attributes);
  }

  private static void checkLine(String line) {
    String oneLine = line.replace('\n', ' ').replace('\r', ' ');
    ParsedLine out = new ParsedLine();
    new TextLineParser().parse(oneLine, RECEIVED, out);
    assertThat(out.message).isNotNull();
    if (out.format.equals(ParsedLine.DETECTED)) {
      assertThat(oneLine).endsWith(out.message);
    }
    ParseResult result =
        new LogEventParser()
            .parse(
                new RawLogRecord(
                    "p_fuzz",
                    line.getBytes(StandardCharsets.UTF_8),
                    "p_fuzz",
                    Long.toString(RECEIVED),
                    "text",
                    null,
                    null,
                    "devlogs-raw",
                    0,
                    0,
                    RECEIVED));
    if (result instanceof ParseResult.Parsed parsed) {
      LogEvent e = parsed.event();
      assertThat(e.epochNanos()).isBetween(LogEventParser.MIN_NANOS, LogEventParser.MAX_NANOS);
      assertThat(e.message()).isNotNull();
    } else {
      assertThat(((ParseResult.Failed) result).reason()).isNotBlank();
    }
  }
}
