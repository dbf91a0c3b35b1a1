package io.devlogs.flink.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.ClusterConfigFile;
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
    Configuration config = ClusterConfigFile.linesStartingWith("state.backend.rocksdb.");
    assertThat(config.toMap()).containsKey("state.backend.rocksdb.options-factory");
    return config;
  }
}
