package io.devlogs.flink.parse;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.RawLogRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Measures the text parser against a Loghub folder ({@code *_2k.log} next to {@code
 * *_2k.log_structured.csv}): per dataset, the lines, level accuracy (where the ground truth has a
 * {@code Level} column), timestamp accuracy (the parsed time equals {@code Date}+{@code Time}, read
 * as UTC; for year-less data such as OpenSSH's {@code Date}/{@code Day}/{@code Time} the month, day
 * and time are compared) and how many lines each detected format took. A manual tool, not a test:
 * tests never read the corpus.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -q -B -pl flink-jobs -am test-compile
 * mvn -q -B -pl flink-jobs dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp flink-jobs/target/classes:flink-jobs/target/test-classes:$(cat /tmp/cp.txt) \
 *     io.devlogs.flink.parse.CorpusAccuracy /path/to/loghub
 * </pre>
 */
public final class CorpusAccuracy {

  private CorpusAccuracy() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println(
          "usage: CorpusAccuracy <loghub folder with *_2k.log and *_structured.csv>");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    List<Path> logs;
    try (Stream<Path> files = Files.list(dir)) {
      logs = files.filter(p -> p.getFileName().toString().endsWith("_2k.log")).sorted().toList();
    }
    long received = System.currentTimeMillis();
    System.out.printf(
        "%-12s %6s %16s %16s %16s  %s%n",
        "dataset", "lines", "level", "timestamp", "message", "formats");
    for (Path log : logs) {
      Path csv = log.resolveSibling(log.getFileName() + "_structured.csv");
      if (!Files.exists(csv)) {
        continue;
      }
      System.out.println(measure(log, csv, received));
    }
  }

  private static String measure(Path log, Path csv, long received) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    List<String> csvLines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<String> header = parseCsvLine(csvLines.get(0));
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      col.put(header.get(i), i);
    }
    LogEventParser parser = new LogEventParser();
    TextLineParser textParser = new TextLineParser();
    ParsedLine parsedLine = new ParsedLine();
    Map<String, Integer> formats = new TreeMap<>();
    int levelTotal = 0;
    int levelOk = 0;
    int timeTotal = 0;
    int timeOk = 0;
    int messageTotal = 0;
    int messageOk = 0;
    List<String> misses = new ArrayList<>();
    int n = Math.min(lines.size(), csvLines.size() - 1);
    for (int i = 0; i < n; i++) {
      String line = lines.get(i);
      List<String> truth = parseCsvLine(csvLines.get(i + 1));
      textParser.parse(line, received, parsedLine);
      formats.merge(parsedLine.format, 1, Integer::sum);
      ParseResult result =
          parser.parse(
              new RawLogRecord(
                  "p",
                  line.getBytes(StandardCharsets.UTF_8),
                  "p",
                  Long.toString(received),
                  "text",
                  null,
                  null,
                  "corpus",
                  0,
                  i,
                  received));
      LogEvent event = result instanceof ParseResult.Parsed p ? p.event() : null;
      if (col.containsKey("Level")) {
        Level expected = Level.fromText(truth.get(col.get("Level"))).orElse(null);
        if (expected != null) {
          levelTotal++;
          if (event != null && event.level() == expected) {
            levelOk++;
          } else if (misses.size() < 5) {
            misses.add("level: " + line);
          }
        }
      }
      if (col.containsKey("Content")) {
        messageTotal++;
        if (event != null
            && event.message().strip().equals(truth.get(col.get("Content")).strip())) {
          messageOk++;
        } else if (misses.size() < 5) {
          misses.add("message: " + line);
        }
      }
      String expectedTime = expectedTime(truth, col);
      if (expectedTime != null) {
        timeTotal++;
        String actual = event == null ? "none" : actualTime(event, col.containsKey("Day"));
        if (expectedTime.equals(actual)) {
          timeOk++;
        } else if (misses.size() < 5) {
          misses.add("time: expected " + expectedTime + " got " + actual + ": " + line);
        }
      }
    }
    String name = log.getFileName().toString().replace("_2k.log", "");
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-12s %6d %16s %16s %16s  %s",
                name,
                n,
                ratio(levelOk, levelTotal),
                ratio(timeOk, timeTotal),
                ratio(messageOk, messageTotal),
                formats));
    misses.forEach(m -> out.append("\n    miss ").append(m));
    return out.toString();
  }

  private static String ratio(int ok, int total) {
    return total == 0
        ? "n/a"
        : String.format(Locale.ROOT, "%d/%d %.1f%%", ok, total, 100.0 * ok / total);
  }

  /** The ground-truth time as {@code yyyy-MM-ddTHH:mm:ss.SSS} (or {@code MM-ddTHH:mm:ss}). */
  private static String expectedTime(List<String> truth, Map<String, Integer> col) {
    if (!col.containsKey("Date") || !col.containsKey("Time")) {
      return null;
    }
    String date = truth.get(col.get("Date")).trim();
    String time = truth.get(col.get("Time")).trim();
    if (col.containsKey("Day")) { // syslog: Month, Day, Time, no year
      int month = TimestampParser.month(date, 0);
      int day = Integer.parseInt(truth.get(col.get("Day")).trim());
      return String.format(Locale.ROOT, "%02d-%02dT%s", month, day, time);
    }
    String isoDate;
    if (date.matches("\\d{6}")) {
      isoDate = "20" + date.substring(0, 2) + "-" + date.substring(2, 4) + "-" + date.substring(4);
    } else if (date.matches("\\d{2}/\\d{2}/\\d{2}")) {
      isoDate = "20" + date.replace('/', '-');
    } else {
      isoDate = date;
    }
    String isoTime =
        time.matches("\\d{6}")
            ? time.substring(0, 2) + ":" + time.substring(2, 4) + ":" + time.substring(4)
            : time.replace(',', '.');
    LocalDateTime t = LocalDateTime.parse(isoDate + "T" + isoTime);
    return t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS"));
  }

  private static String actualTime(LogEvent event, boolean yearless) {
    LocalDateTime t = LocalDateTime.ofInstant(event.timestamp(), ZoneOffset.UTC);
    return t.format(
        DateTimeFormatter.ofPattern(yearless ? "MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.SSS"));
  }

  /** One RFC 4180 CSV line (quoted fields, doubled quotes). */
  static List<String> parseCsvLine(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          sb.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          sb.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    fields.add(sb.toString());
    return fields;
  }
}
