package io.devlogs.bench;

import io.devlogs.settings.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * {@code count} or {@code delete} the Cassandra rows of the benchmark's project, in the partitions
 * {@link BenchTopicLoader} listed: {@code BenchStreamRows count|delete --project=<id>
 * --partitions-file=<file>}. {@code count} prints the number of rows.
 */
public final class BenchStreamRows {

  private BenchStreamRows() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0 || !List.of("count", "delete").contains(args[0])) {
      throw new IllegalArgumentException(
          "usage: BenchStreamRows count|delete --project=<id> --partitions-file=<file>");
    }
    Settings settings = Settings.fromEnvironment(Arrays.copyOfRange(args, 1, args.length));
    String project = BenchTopicLoader.required(settings, "project");
    List<StreamRows.Partition> partitions =
        read(Path.of(BenchTopicLoader.required(settings, "partitions-file")));
    try (StreamRows rows = StreamRows.connect(settings)) {
      if (args[0].equals("count")) {
        System.out.println(rows.count(project, partitions));
      } else {
        rows.delete(project, partitions);
      }
    }
  }

  static List<StreamRows.Partition> read(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(line -> !line.isBlank())
        .map(
            line -> {
              int tab = line.lastIndexOf('\t');
              if (tab < 0) {
                throw new IllegalArgumentException(
                    file + ": '" + line + "' is not <stream><TAB><yyyy-mm-dd>");
              }
              return new StreamRows.Partition(
                  line.substring(0, tab), LocalDate.parse(line.substring(tab + 1)));
            })
        .toList();
  }
}
