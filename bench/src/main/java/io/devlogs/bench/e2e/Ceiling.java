package io.devlogs.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One stage's ceiling measured alone in the same run, in events (or records, rows) per second.
 *
 * @param stage e.g. {@code HTTP ingest -> Kafka}
 * @param eventsPerSecond the figure; NaN if the stage was not measured
 * @param how the tool and workload that measured it
 */
public record Ceiling(String stage, double eventsPerSecond, String how) {

  /**
   * Reads a file of {@code stage<TAB>events_per_s<TAB>how} lines, as {@code
   * io.devlogs.bench.launch.Ceilings} writes them; a figure that is not a number (a stage that
   * failed or was skipped) is read as NaN.
   */
  public static List<Ceiling> read(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(line -> !line.isBlank())
        .map(
            line -> {
              String[] fields = line.split("\t", -1);
              if (fields.length != 3) {
                throw new IllegalArgumentException(
                    file + ": '" + line + "' is not <stage><TAB><events/s><TAB><how>");
              }
              return new Ceiling(fields[0], number(fields[1]), fields[2]);
            })
        .toList();
  }

  private static double number(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  public boolean measured() {
    return !Double.isNaN(eventsPerSecond);
  }
}
