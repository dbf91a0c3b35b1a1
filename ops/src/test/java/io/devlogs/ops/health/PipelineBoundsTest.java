package io.devlogs.ops.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PipelineBoundsTest {
  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
  private static final PipelineBounds BOUNDS =
      new PipelineBounds(Duration.ofMinutes(1), Duration.ofMinutes(1));

  private static PipelineHealth running(Instant lastCheckpoint, long lag, Instant oldest) {
    return new PipelineHealth(
        "devlogs-log-pipeline",
        "RUNNING",
        Optional.of(NOW.minusSeconds(3600)),
        Optional.ofNullable(lastCheckpoint),
        OptionalLong.of(lag),
        Optional.ofNullable(oldest),
        List.of(),
        NOW);
  }

  private static PipelineHealth inState(String state) {
    return new PipelineHealth(
        "devlogs-log-pipeline",
        state,
        Optional.empty(),
        Optional.empty(),
        OptionalLong.of(5),
        Optional.of(NOW.minusSeconds(40)),
        List.of(),
        NOW);
  }

  @Test
  void aRunningJobWithRecentCheckpointsAndLittleLagIsOk() {
    PipelineAssessment ok =
        BOUNDS.assess(running(NOW.minusSeconds(8), 120, NOW.minusSeconds(9)), NOW);
    assertThat(ok.verdict()).isEqualTo(PipelineVerdict.OK);
    assertThat(BOUNDS.assess(running(NOW.minusSeconds(8), 0, null), NOW).ok()).isTrue();
  }

  @Test
  void aJobThatIsNotRunningIsDownWithItsState() {
    PipelineAssessment restarting = BOUNDS.assess(inState("RESTARTING"), NOW);
    assertThat(restarting.verdict()).isEqualTo(PipelineVerdict.DOWN);
    assertThat(restarting.reason())
        .isEqualTo(
            "the job devlogs-log-pipeline is RESTARTING: new events wait in Kafka and are not stored");
    assertThat(BOUNDS.assess(inState("FINISHED"), NOW).verdict()).isEqualTo(PipelineVerdict.DOWN);
    assertThat(BOUNDS.assess(inState(PipelineHealth.ABSENT), NOW).reason())
        .contains("is not on the Flink cluster");
    assertThat(BOUNDS.assess(inState(PipelineHealth.UNREACHABLE), NOW).reason())
        .contains("JobManager did not answer");
  }

  @Test
  void checkpointsOlderThanTheBoundStallIt() {
    PipelineAssessment stalled = BOUNDS.assess(running(NOW.minusSeconds(125), 0, null), NOW);
    assertThat(stalled.verdict()).isEqualTo(PipelineVerdict.STALLED);
    assertThat(stalled.reason()).contains("no checkpoint for 2 min 5 s (bound 1 min)");
    // Before its first checkpoint, the age counts from the job's start.
    PipelineAssessment never = BOUNDS.assess(running(null, 0, null), NOW);
    assertThat(never.verdict()).isEqualTo(PipelineVerdict.STALLED);
    assertThat(never.reason()).contains("since it started 1 h ago");
  }

  @Test
  void anOldestWaitingRecordOlderThanTheBoundStallsIt() {
    PipelineAssessment behind =
        BOUNDS.assess(running(NOW.minusSeconds(5), 90_000, NOW.minusSeconds(300)), NOW);
    assertThat(behind.verdict()).isEqualTo(PipelineVerdict.STALLED);
    assertThat(behind.reason()).contains("falling behind", "5 min ago");
  }

  @Test
  void agesAreMeasuredWhenAskedSoACachedProbeStillAges() {
    PipelineHealth probed = running(NOW.minusSeconds(10), 3, NOW.minusSeconds(4));
    assertThat(probed.checkpointAge(NOW.plusSeconds(30))).contains(Duration.ofSeconds(40));
    assertThat(probed.lagAge(NOW.plusSeconds(30))).contains(Duration.ofSeconds(34));
    assertThat(inState("RESTARTING").checkpointAge(NOW)).isEmpty();
  }

  @Test
  void theCommandPrintsStateCheckpointLagAndVerdict() {
    PipelineHealth health = running(NOW.minusSeconds(4), 1_234, NOW.minusSeconds(3));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PipelineStatusCommand.print(
        health,
        BOUNDS.assess(health, NOW),
        "devlogs-raw",
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "flink job devlogs-log-pipeline: RUNNING",
                "last completed checkpoint: 4 s ago",
                "consumer lag on devlogs-raw: 1,234 events, the oldest waiting 3 s",
                "pipeline: ok: the job devlogs-log-pipeline is RUNNING and keeping up",
                ""));
  }

  @Test
  void durationsReadLikePeopleSayThem() {
    assertThat(Durations.words(Duration.ofSeconds(45))).isEqualTo("45 s");
    assertThat(Durations.words(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
    assertThat(Durations.words(Duration.ofMinutes(130))).isEqualTo("2 h 10 min");
    assertThat(Durations.words(Duration.ofHours(50))).isEqualTo("2 d 2 h");
    assertThat(Durations.words(Duration.ofDays(7))).isEqualTo("7 d");
  }
}
