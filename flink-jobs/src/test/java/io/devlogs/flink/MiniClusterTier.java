package io.devlogs.flink;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The in-JVM tier of the job's tests: one Flink MiniCluster per test class, with one TaskManager,
 * on which the test runs the job's graph. Every MiniCluster test registers it the same way:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final MiniClusterExtension MINI_CLUSTER = MiniClusterTier.withSlots(2);
 * }</pre>
 *
 * Test methods may take {@code @InjectMiniCluster MiniCluster} or {@code @InjectClusterClient
 * RestClusterClient<?>} parameters, and {@code
 * StreamExecutionEnvironment.getExecutionEnvironment()} submits to the cluster.
 */
public final class MiniClusterTier {

  private MiniClusterTier() {}

  /** A MiniCluster whose one TaskManager has {@code slots} slots (the highest parallelism used). */
  public static MiniClusterExtension withSlots(int slots) {
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(slots)
            .build());
  }
}
