package io.devlogs.bench.launch;

import io.devlogs.ops.CommandFailed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/** What every benchmark run shares: its id, its files and how it rounds its figures. */
final class Bench {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private Bench() {}

  /** {@code <prefix><UTC date>-<time>-<random>}, e.g. {@code ingest-20261206-101500-4711}. */
  static String runId(String prefix, Clock clock) {
    return prefix
        + STAMP.format(clock.instant())
        + "-"
        + ThreadLocalRandom.current().nextInt(32_768);
  }

  /** Events per second, rounded. */
  static long rate(long events, double seconds) {
    return Math.round(events / seconds);
  }

  /** Seconds with one decimal, as the step lines print them. */
  static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.1f", seconds);
  }

  /** Seconds since {@code startNanos} of {@link System#nanoTime()}. */
  static double since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static void appendLog(Path log, String line) {
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds a row to a results file (tab-separated, one run a line), writing its header first if the
   * file is new or empty.
   */
  static void appendResult(Path file, List<String> header, List<?> row) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) == 0) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\t", header) + "\n");
      }
      Files.writeString(
          file,
          row.stream().map(String::valueOf).collect(Collectors.joining("\t")) + "\n",
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The row of a run in a results file, or nothing. */
  static List<String> resultRow(Path file, String runId) {
    try {
      if (!Files.isRegularFile(file)) {
        return List.of();
      }
      for (String line : Files.readAllLines(file)) {
        List<String> fields = List.of(line.split("\t", -1));
        if (fields.get(0).equals(runId)) {
          return fields;
        }
      }
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints the report and keeps it in the run's folder, as {@code tee} did. */
  static void printAndKeep(String report, Path file, java.io.PrintStream out) {
    out.print(report);
    out.flush();
    try {
      Files.writeString(file, report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a scratch file; the run's folder keeps it
    }
  }

  /** Waits half a second between polls. */
  static void pause() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailed("interrupted", e);
    }
  }
}
