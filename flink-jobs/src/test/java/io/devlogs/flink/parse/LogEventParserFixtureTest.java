package io.devlogs.flink.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.text.LineGrouper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every line of the fixtures under {@code src/test/resources/parse/} (see the README there). */
class LogEventParserFixtureTest {

  static final long RECEIVED = Instant.parse("2024-05-01T12:00:05Z").toEpochMilli();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hdfs",
        "spark",
        "zookeeper",
        "openssh",
        "java",
        "python",
        "logfmt",
        "syslog",
        "access",
        "klog"
      })
  void fixtureLinesParseAsExpected(String name) throws IOException {
    List<String> lines = lines("parse/" + name + ".log");
    List<String> expected =
        lines("parse/" + name + ".expected.tsv").stream().filter(l -> !l.startsWith("#")).toList();
    assertThat(lines).hasSameSizeAs(expected).hasSizeGreaterThanOrEqualTo(3);
    LogEventParser parser = new LogEventParser();
    TextLineParser textParser = new TextLineParser();
    ParsedLine parsedLine = new ParsedLine();
    SoftAssertions softly = new SoftAssertions();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String[] want = expected.get(i).split("\t", -1);
      ParseResult result = parser.parse(text(line, i));
      softly
          .assertThat(result)
          .as("line %d: %s", i + 1, line)
          .isInstanceOf(ParseResult.Parsed.class);
      if (!(result instanceof ParseResult.Parsed parsed)) {
        continue;
      }
      LogEvent e = parsed.event();
      textParser.parse(line, RECEIVED, parsedLine);
      String at = name + ":" + (i + 1) + " " + line;
      softly.assertThat(parsedLine.format).as("format of " + at).isEqualTo(want[0]);
      softly.assertThat(e.level().name()).as("level of " + at).isEqualTo(want[1]);
      softly.assertThat(e.timestamp()).as("time of " + at).isEqualTo(Instant.parse(want[2]));
      softly
          .assertThat(e.message())
          .as("message of " + at)
          .isEqualTo(want[3].equals("*") ? line : want[3]);
      if (want.length > 4 && !want[4].isEmpty()) {
        for (String pair : want[4].split(";")) {
          int eq = pair.indexOf('=');
          softly
              .assertThat(e.attributes())
              .as("attributes of " + at)
              .containsEntry(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    softly.assertAll();
  }

  @ParameterizedTest
  @ValueSource(strings = {"multiline"})
  void multiLineFixtureGroupsIntoEvents(String name) throws IOException {
    String body = String.join("\n", lines("parse/" + name + ".log"));
    List<Integer> sizes =
        lines("parse/" + name + ".expected.tsv").stream()
            .filter(l -> !l.startsWith("#"))
            .map(Integer::parseInt)
            .toList();
    List<String> events = LineGrouper.group(body);
    assertThat(events.stream().map(e -> e.split("\n").length).toList()).isEqualTo(sizes);

    LogEvent first =
        ((ParseResult.Parsed) new LogEventParser().parse(text(events.get(0), 0))).event();
    assertThat(first.level().name()).isEqualTo("ERROR");
    assertThat(first.message())
        .startsWith("request failed\njava.lang.IllegalStateException: boom\n\tat com.acme")
        .endsWith("\t... 2 more");
    assertThat(first.attributes()).containsEntry("logger", "com.acme.Server");
    LogEvent python =
        ((ParseResult.Parsed) new LogEventParser().parse(text(events.get(2), 2))).event();
    assertThat(python.message())
        .startsWith("unhandled\nTraceback")
        .endsWith("ValueError: bad value");
  }

  static RawLogRecord text(String value, long offset) {
    return new RawLogRecord(
        "p_test",
        value.getBytes(StandardCharsets.UTF_8),
        "p_test",
        Long.toString(RECEIVED),
        "text",
        null,
        null,
        "devlogs-raw",
        0,
        offset,
        RECEIVED);
  }

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in =
        LogEventParserFixtureTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>(List.of(all.split("\n", -1)));
      while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
        out.remove(out.size() - 1);
      }
      return out;
    }
  }
}
