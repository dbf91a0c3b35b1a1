package io.devlogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.ops.flink.FlinkRest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * System test of the JobManager's high availability on the local Flink cluster of {@code
 * bin/devlogs up}: under a steady load, {@code bin/devlogs kill flink-jobmanager} SIGKILLs the
 * JobManager and {@code bin/devlogs start flink-jobmanager} starts a new one. With no other step,
 * the new JobManager takes the leadership in ZooKeeper and recovers the same job from its latest
 * completed checkpoint, state included, and every acknowledged event is then exactly once in every
 * store and in the minute windows ({@link FailoverDrill}).
 */
class JobManagerFailoverIT {
  private static final Launcher LAUNCHER = new Launcher();

  private FailoverDrill drill;

  @BeforeEach
  void startLoad() {
    drill = new FailoverDrill("JobManager SIGKILL, then bin/devlogs start flink-jobmanager");
  }

  /** Whatever happened, the stack is left healthy: JobManager up, job RUNNING. */
  @AfterEach
  void leaveTheStackHealthy() throws Exception {
    drill.close();
    LAUNCHER.run("start", "flink-jobmanager");
    LAUNCHER.run("start", "flink-taskmanager");
    LAUNCHER.run("job", "start");
  }

  @Test
  void theJobComesBackByItselfFromItsLatestCheckpointAfterTheJobManagerIsKilled() throws Exception {
    FlinkRest flink = drill.flink();
    String job =
        flink
            .runningJobId(FailoverDrill.JOB)
            .orElseThrow(() -> new AssertionError(FailoverDrill.JOB + " not RUNNING"));
    long checkpointAtKill = drill.awaitSteadyState(job);

    long killedAt = drill.faultNow();
    LAUNCHER.run("kill", "flink-jobmanager");
    LAUNCHER.run("start", "flink-jobmanager");
    String recovered = drill.awaitRecovery();

    assertThat(recovered).as("the same job, recovered by the new JobManager").isEqualTo(job);
    JsonNode restored = flink.restored(job);
    assertThat(restored.path("is_savepoint").asBoolean()).as("restored %s", restored).isFalse();
    assertThat(restored.path("id").asLong())
        .as("restored from a checkpoint no older than the last before the kill: %s", restored)
        .isGreaterThanOrEqualTo(checkpointAtKill);
    assertThat(restored.path("restore_timestamp").asLong()).isGreaterThan(killedAt);
    drill.assertEveryAcknowledgedEventOnceEverywhere();
  }
}
