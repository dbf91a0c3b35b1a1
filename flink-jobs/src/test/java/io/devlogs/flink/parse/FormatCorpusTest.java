package io.devlogs.flink.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.text.LineGrouper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The format corpus under {@code src/test/resources/formats/<format>/}: public sample lines of each
 * format ({@code sample.log}) with their source and licence and the hand-checked level, timestamp
 * and message of each event ({@code expected.tsv}, see the README there). Every format must reach
 * {@link #REQUIRED} on the level and the timestamp of the events that carry them; the message is
 * measured and reported. The test prints the per-format table (Markdown) that the README shows and
 * writes it to {@code target/format-accuracy.md}.
 */
class FormatCorpusTest {

  static final long RECEIVED = Instant.parse("2024-05-01T12:00:05Z").toEpochMilli();
  static final double REQUIRED = 0.99;
  static final int MIN_FORMATS = 30;

  record Score(int ok, int total) {
    double ratio() {
      return total == 0 ? 1 : (double) ok / total;
    }

    String cell() {
      return total == 0
          ? "–"
          : String.format(Locale.ROOT, "%d/%d (%.0f%%)", ok, total, 100.0 * ok / total);
    }
  }

  record FormatResult(
      String format, int events, Score level, Score time, Score message, List<String> misses) {}

  @Test
  void everyFormatOfTheCorpusKeepsItsLevelAndTimestamp() throws IOException, URISyntaxException {
    List<FormatResult> results = measureAll(corpusRoot());
    String table = table(results);
    System.out.println(table);
    results.stream()
        .filter(r -> !r.misses().isEmpty())
        .forEach(r -> System.out.println("misses of " + r.format() + ": " + r.misses()));
    Files.writeString(Path.of("target", "format-accuracy.md"), table);

    assertThat(results).hasSizeGreaterThanOrEqualTo(MIN_FORMATS);
    SoftAssertions softly = new SoftAssertions();
    for (FormatResult r : results) {
      softly
          .assertThat(r.level().ratio())
          .as("level accuracy of %s; misses: %s", r.format(), r.misses())
          .isGreaterThanOrEqualTo(REQUIRED);
      softly
          .assertThat(r.time().ratio())
          .as("timestamp accuracy of %s; misses: %s", r.format(), r.misses())
          .isGreaterThanOrEqualTo(REQUIRED);
      softly.assertThat(r.events()).as("events of %s", r.format()).isPositive();
    }
    softly.assertAll();
  }

  @Test
  void everyFormatNamesItsSourceAndLicence() throws IOException, URISyntaxException {
    try (Stream<Path> dirs = Files.list(corpusRoot())) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        List<String> header = Files.readAllLines(dir.resolve("expected.tsv"));
        assertThat(header).as(dir.getFileName().toString()).isNotEmpty();
        assertThat(header.get(0)).as("source of " + dir.getFileName()).startsWith("# source: ");
        assertThat(header.get(1)).as("licence of " + dir.getFileName()).startsWith("# licence: ");
      }
    }
  }

  static Path corpusRoot() throws URISyntaxException {
    return Path.of(FormatCorpusTest.class.getClassLoader().getResource("formats").toURI());
  }

  static List<FormatResult> measureAll(Path root) throws IOException {
    List<FormatResult> results = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        results.add(measure(dir));
      }
    }
    return results;
  }

  static FormatResult measure(Path dir) throws IOException {
    String format = dir.getFileName().toString();
    String body = Files.readString(dir.resolve("sample.log"), StandardCharsets.UTF_8);
    List<String> events = LineGrouper.group(body);
    List<String[]> expected =
        Files.readAllLines(dir.resolve("expected.tsv"), StandardCharsets.UTF_8).stream()
            .filter(l -> !l.startsWith("#") && !l.isBlank())
            .map(l -> l.split("\t", -1))
            .toList();
    assertThat(events).as("events of " + format).hasSameSizeAs(expected);
    LogEventParser parser = new LogEventParser();
    int levelOk = 0;
    int levelTotal = 0;
    int timeOk = 0;
    int timeTotal = 0;
    int messageOk = 0;
    List<String> misses = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      String event = events.get(i);
      String[] want = expected.get(i);
      ParseResult result = parser.parse(record(event, i));
      LogEvent e = result instanceof ParseResult.Parsed parsed ? parsed.event() : null;
      if (e == null) {
        misses.add("#" + (i + 1) + " failed: " + result);
        continue;
      }
      if (!want[0].equals("-")) {
        levelTotal++;
        if (e.level().name().equals(want[0])) {
          levelOk++;
        } else {
          misses.add("#" + (i + 1) + " level " + e.level() + " != " + want[0]);
        }
      }
      if (!want[1].equals("-")) {
        timeTotal++;
        if (e.timestamp().equals(Instant.parse(want[1]))) {
          timeOk++;
        } else {
          misses.add("#" + (i + 1) + " time " + e.timestamp() + " != " + want[1]);
        }
      }
      String firstLine = event.lines().findFirst().orElse("");
      String wantMessage = want[2].equals("*") ? firstLine : want[2];
      String gotMessage = e.message().lines().findFirst().orElse("");
      if (gotMessage.strip().equals(wantMessage.strip())) {
        messageOk++;
      } else {
        misses.add("#" + (i + 1) + " message '" + gotMessage + "'");
      }
    }
    return new FormatResult(
        format,
        events.size(),
        new Score(levelOk, levelTotal),
        new Score(timeOk, timeTotal),
        new Score(messageOk, events.size()),
        misses);
  }

  static String table(List<FormatResult> results) {
    StringBuilder sb =
        new StringBuilder(
            "| format | events | level | timestamp | message |\n|---|---|---|---|---|\n");
    int[] sums = new int[6];
    for (FormatResult r : results) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %s | %s |%n",
              r.format(),
              r.events(),
              r.level().cell(),
              r.time().cell(),
              r.message().cell()));
      sums[0] += r.level().ok();
      sums[1] += r.level().total();
      sums[2] += r.time().ok();
      sums[3] += r.time().total();
      sums[4] += r.message().ok();
      sums[5] += r.message().total();
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "| **all %d formats** | %d | %s | %s | %s |%n",
            results.size(),
            sums[5],
            new Score(sums[0], sums[1]).cell(),
            new Score(sums[2], sums[3]).cell(),
            new Score(sums[4], sums[5]).cell()));
    return sb.toString();
  }

  private static RawLogRecord record(String value, long offset) {
    return new RawLogRecord(
        "p_corpus",
        value.getBytes(StandardCharsets.UTF_8),
        "p_corpus",
        Long.toString(RECEIVED),
        "text",
        null,
        null,
        "devlogs-raw",
        0,
        offset,
        RECEIVED);
  }
}
