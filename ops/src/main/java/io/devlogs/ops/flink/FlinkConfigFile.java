package io.devlogs.ops.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The values the launcher takes from the cluster's {@code flink-conf/config.yaml}. */
public final class FlinkConfigFile {
  private static final String PARALLELISM = "parallelism.default:";

  private FlinkConfigFile() {}

  /** {@code parallelism.default}, or 1 when the file does not set it. */
  public static int defaultParallelism(Path configYaml) {
    try {
      return defaultParallelism(Files.readAllLines(configYaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int defaultParallelism(List<String> lines) {
    for (String line : lines) {
      if (line.startsWith(PARALLELISM)) {
        String value = line.substring(PARALLELISM.length()).trim();
        if (value.matches("[0-9]+")) {
          return Integer.parseInt(value);
        }
      }
    }
    return 1;
  }
}
