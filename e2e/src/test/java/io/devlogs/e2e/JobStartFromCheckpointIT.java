package io.devlogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.ops.flink.FlinkRest;
import io.devlogs.testing.Poll;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * System test of {@code bin/devlogs job start} on the local stack: after the job ended without a
 * savepoint (cancelled, as {@code flink cancel} or the web UI's cancel do), {@code job start}
 * resumes a new job from the old job's newest retained checkpoint, state included, rather than from
 * the consumer group's offsets with empty state; every acknowledged event is then exactly once in
 * every store and in the minute windows ({@link FailoverDrill}).
 */
class JobStartFromCheckpointIT {
  private static final Launcher LAUNCHER = new Launcher();

  private FailoverDrill drill;

  @BeforeEach
  void startLoad() {
    drill = new FailoverDrill("job cancelled without a savepoint, then bin/devlogs job start");
  }

  /** Whatever happened, the stack is left healthy: job RUNNING. */
  @AfterEach
  void leaveTheStackHealthy() throws Exception {
    drill.close();
    LAUNCHER.run("job", "start");
  }

  @Test
  void jobStartResumesFromTheNewestRetainedCheckpoint() throws Exception {
    FlinkRest flink = drill.flink();
    String job =
        flink
            .runningJobId(FailoverDrill.JOB)
            .orElseThrow(() -> new AssertionError(FailoverDrill.JOB + " not RUNNING"));
    long checkpointAtCancel = drill.awaitSteadyState(job);

    drill.faultNow();
    flink.cancel(job);
    Poll.until(
        Duration.ofSeconds(60), () -> flink.state(job), "CANCELED"::equals, job + " cancelled");
    String output = LAUNCHER.run("job", "start");
    String resumed = drill.awaitRecovery();

    assertThat(output).contains("from retained checkpoint");
    assertThat(resumed).as("a new job").isNotEqualTo(job);
    // Flink reports any path given at submission as a savepoint (is_savepoint true): the path
    // tells that it is the cancelled job's retained checkpoint.
    JsonNode restored = flink.restored(resumed);
    assertThat(restored.path("external_path").asText())
        .as("a retained checkpoint of the cancelled job: %s", restored)
        .contains("/checkpoints/" + job + "/chk-");
    assertThat(restored.path("id").asLong()).isGreaterThanOrEqualTo(checkpointAtCancel);
    drill.assertEveryAcknowledgedEventOnceEverywhere();
  }
}
