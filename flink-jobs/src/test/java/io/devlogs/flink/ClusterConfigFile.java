package io.devlogs.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;

/** The cluster's configuration file, flink-conf/config.yaml, as tests configure Flink from it. */
public final class ClusterConfigFile {

  private static final Path FILE = Path.of("../flink-conf/config.yaml");

  private ClusterConfigFile() {}

  /**
   * Its {@code key: value} lines whose key starts with {@code prefix}, leaving out values with a
   * launcher placeholder ({@code @DEVLOGS_HOME@} and the like, filled in only by bin/devlogs).
   */
  public static Configuration linesStartingWith(String prefix) {
    Configuration config = new Configuration();
    try {
      for (String line : Files.readAllLines(FILE)) {
        if (line.startsWith(prefix) && !line.contains("@")) {
          int colon = line.indexOf(':');
          config.setString(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config;
  }
}
