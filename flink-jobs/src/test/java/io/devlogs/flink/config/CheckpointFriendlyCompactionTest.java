package io.devlogs.flink.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.contrib.streaming.state.RocksDBOptionsFactory;
import org.junit.jupiter.api.Test;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.RocksDB;

/** The cluster's RocksDB backend, configured from flink-conf/config.yaml as Flink configures it. */
class CheckpointFriendlyCompactionTest {

  @Test
  void theClustersBackendGathersLevelZeroFilesBeforeCompactingThem() throws Exception {
    EmbeddedRocksDBStateBackend backend =
        new EmbeddedRocksDBStateBackend()
            .configure(clusterRocksDbConfig(), getClass().getClassLoader());
    RocksDBOptionsFactory factory = backend.getRocksDBOptions();
    assertThat(factory).isInstanceOf(CheckpointFriendlyCompaction.class);

    RocksDB.loadLibrary();
    List<AutoCloseable> handles = new ArrayList<>();
    try (ColumnFamilyOptions defaults = new ColumnFamilyOptions()) {
      int rocksDbTrigger = defaults.level0FileNumCompactionTrigger();
      ColumnFamilyOptions options = factory.createColumnOptions(defaults, handles);
      assertThat(options.level0FileNumCompactionTrigger())
          .isEqualTo(CheckpointFriendlyCompaction.LEVEL0_COMPACTION_TRIGGER)
          .isGreaterThan(rocksDbTrigger);
      // Writes must not slow down before a compaction could even start, nor stop before they slow.
      assertThat(options.level0SlowdownWritesTrigger())
          .isGreaterThan(options.level0FileNumCompactionTrigger());
      assertThat(options.level0StopWritesTrigger())
          .isGreaterThan(options.level0SlowdownWritesTrigger());
    }
  }

  /** The {@code state.backend.rocksdb.*} lines of the cluster's config.yaml. */
  private static Configuration clusterRocksDbConfig() {
    Configuration config = new Configuration();
    try {
      for (String line : Files.readAllLines(Path.of("../flink-conf/config.yaml"))) {
        if (line.startsWith("state.backend.rocksdb.") && !line.contains("@")) {
          int colon = line.indexOf(':');
          config.setString(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(config.toMap()).containsKey("state.backend.rocksdb.options-factory");
    return config;
  }
}
