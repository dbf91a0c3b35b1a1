package io.devlogs.bench.patterns;

import io.devlogs.flink.parse.LogEventParser;
import io.devlogs.flink.parse.ParseResult;
import io.devlogs.flink.patterns.GroupingAccuracy;
import io.devlogs.flink.patterns.PatternMiner;
import io.devlogs.flink.patterns.PatternOptions;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.ops.CommandFailed;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/devlogs bench patterns --corpus <dir>}: the pattern miner's grouping accuracy (GA)
 * against Loghub samples ({@code X_2k.log} + {@code X_2k.log_structured.csv}), and its speed next
 * to the text parser's in the same run, on one thread.
 *
 * <p>GA is measured twice per sample: on the ground truth's {@code Content} (what the literature
 * reports), and on the message the job's parser takes from the raw line (what the job mines).
 * Speed: lines per second of the parser alone, the miner alone, and both (what the job spends per
 * text line), each the best of several rounds over the samples' lines.
 */
public final class PatternBench {

  private static final int ROUNDS = 15;

  private PatternBench() {}

  public static int run(List<String> options, PrintStream out) {
    Path corpus = null;
    PatternOptions patterns = PatternOptions.defaults();
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).equals("--corpus") && i + 1 < options.size()) {
        corpus = Path.of(options.get(++i));
      } else if (options.get(i).equals("--similarity") && i + 1 < options.size()) {
        patterns = patterns.withSimilarity(Double.parseDouble(options.get(++i)));
      } else {
        throw new CommandFailed(
            "usage: bin/devlogs bench patterns --corpus <loghub folder> [--similarity 0.5]");
      }
    }
    if (corpus == null || !Files.isDirectory(corpus)) {
      throw new CommandFailed(
          "bench patterns: --corpus must name a folder of X_2k.log and X_2k.log_structured.csv");
    }
    List<LabelledCorpus> samples;
    try {
      samples = LabelledCorpus.readAll(corpus);
    } catch (IOException e) {
      throw new CommandFailed("bench patterns: cannot read " + corpus + ": " + e.getMessage());
    }
    if (samples.isEmpty()) {
      throw new CommandFailed("bench patterns: no X.log with X.log_structured.csv in " + corpus);
    }
    out.printf(
        Locale.ROOT,
        "grouping accuracy (similarity %.2f, depth %d)%n%-12s %6s %9s %10s %9s%n",
        patterns.similarity(),
        patterns.depth(),
        "sample",
        "lines",
        "patterns",
        "GA content",
        "GA parsed");
    double sumContent = 0;
    double sumParsed = 0;
    List<String> allLines = new ArrayList<>();
    List<String> allMessages = new ArrayList<>();
    for (LabelledCorpus sample : samples) {
      List<String> parsedMessages = parsedMessages(sample.lines());
      allLines.addAll(sample.lines());
      allMessages.addAll(sample.contents());
      Grouping content = group(sample.name(), sample.contents(), patterns);
      Grouping parsed = group(sample.name(), parsedMessages, patterns);
      double gaContent = GroupingAccuracy.of(content.ids(), sample.events());
      double gaParsed = GroupingAccuracy.of(parsed.ids(), sample.events());
      sumContent += gaContent;
      sumParsed += gaParsed;
      out.printf(
          Locale.ROOT,
          "%-12s %6d %9d %10.3f %9.3f%n",
          sample.name(),
          sample.lines().size(),
          content.patterns(),
          gaContent,
          gaParsed);
    }
    out.printf(
        Locale.ROOT,
        "%-12s %6s %9s %10.3f %9.3f   (Drain in the literature: about 0.86 over 16 samples)%n",
        "average",
        "",
        "",
        sumContent / samples.size(),
        sumParsed / samples.size());
    speed(allLines, allMessages, patterns, out);
    return 0;
  }

  record Grouping(List<String> ids, int patterns) {}

  static Grouping group(String project, List<String> messages, PatternOptions options) {
    PatternMiner miner = new PatternMiner(project, options);
    List<String> ids = new ArrayList<>(messages.size());
    for (String m : messages) {
      ids.add(miner.add(m, 0, 0).id());
    }
    return new Grouping(ids, miner.size());
  }

  private static List<String> parsedMessages(List<String> lines) {
    LogEventParser parser = new LogEventParser();
    List<String> messages = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      ParseResult result = parser.parse(record(lines.get(i), i));
      messages.add(result instanceof ParseResult.Parsed p ? p.event().message() : lines.get(i));
    }
    return messages;
  }

  private static RawLogRecord record(String line, long offset) {
    long received = 1_700_000_000_000L;
    return new RawLogRecord(
        "bench-patterns",
        line.getBytes(StandardCharsets.UTF_8),
        "bench-patterns",
        Long.toString(received),
        "text",
        null,
        null,
        "corpus",
        0,
        offset,
        received);
  }

  /** Best-of-rounds lines per second: parser alone, miner alone, parser then miner. */
  private static void speed(
      List<String> lines, List<String> messages, PatternOptions options, PrintStream out) {
    List<RawLogRecord> records = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      records.add(record(lines.get(i), i));
    }
    LogEventParser parser = new LogEventParser();
    PatternMiner miner = new PatternMiner("bench-speed", options);
    PatternMiner both = new PatternMiner("bench-speed-both", options);
    double bestParse = 0;
    double bestMine = 0;
    double bestBoth = 0;
    long sink = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long t0 = System.nanoTime();
      for (RawLogRecord r : records) {
        sink += parser.parse(r).hashCode();
      }
      long t1 = System.nanoTime();
      for (String m : messages) {
        sink += miner.add(m, 0, round).id().length();
      }
      long t2 = System.nanoTime();
      for (RawLogRecord r : records) {
        if (parser.parse(r) instanceof ParseResult.Parsed p) {
          sink += both.add(p.event().message(), 0, round).id().length();
        }
      }
      long t3 = System.nanoTime();
      bestParse = Math.max(bestParse, records.size() * 1e9 / (t1 - t0));
      bestMine = Math.max(bestMine, messages.size() * 1e9 / (t2 - t1));
      bestBoth = Math.max(bestBoth, records.size() * 1e9 / (t3 - t2));
    }
    out.printf(
        Locale.ROOT,
        "speed, one thread, best of %d rounds over %d lines:%n"
            + "  parser alone        %,10.0f lines/s%n"
            + "  miner alone         %,10.0f lines/s%n"
            + "  parser then miner   %,10.0f lines/s  (%.0f%% of the parser alone)%n",
        ROUNDS,
        lines.size(),
        bestParse,
        bestMine,
        bestBoth,
        100 * bestBoth / bestParse);
    if (sink == 42) {
      out.println();
    }
  }
}
