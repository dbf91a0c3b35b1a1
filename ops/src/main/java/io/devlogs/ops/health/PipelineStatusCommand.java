package io.devlogs.ops.health;

import io.devlogs.ops.CommandMain;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.KafkaKeys;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code bin/devlogs status}' pipeline lines: the job's state, the age of its latest completed
 * checkpoint, its consumer lag in records and in time, and the verdict. Exits with 1 unless the
 * verdict is {@code ok}: while the job is not RUNNING, its checkpoints are older than {@code
 * health.checkpoint-max-age}, or its oldest waiting record is older than {@code health.max-lag}
 * (the lag in time grows without bound only when the job does not keep up).
 */
public final class PipelineStatusCommand {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private PipelineStatusCommand() {}

  public static void main(String[] args) {
    // The launcher's commands log nothing; without this, SLF4J (brought by kafka-clients) warns on
    // stderr that it found no logger.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    CommandMain.exit(
        () -> {
          Settings settings = Settings.fromEnvironment(args);
          try (PipelineProbe probe = PipelineProbe.fromSettings(settings, TIMEOUT)) {
            PipelineHealth health = probe.probe();
            PipelineAssessment assessment =
                PipelineBounds.from(settings).assess(health, Instant.now());
            print(health, assessment, settings.get(KafkaKeys.RAW_TOPIC), System.out);
            return assessment.ok() ? 0 : 1;
          }
        });
  }

  static void print(
      PipelineHealth health, PipelineAssessment assessment, String topic, PrintStream out) {
    Instant now = health.probedAt();
    out.printf("flink job %s: %s%n", health.jobName(), health.jobState());
    out.printf(
        "last completed checkpoint: %s%n",
        health.lastCheckpoint().isPresent()
            ? Durations.words(health.checkpointAge(now).orElseThrow()) + " ago"
            : health.running()
                ? "none since the job started "
                    + Durations.words(health.checkpointAge(now).orElseThrow())
                    + " ago"
                : "-");
    out.printf(
        "consumer lag on %s: %s%n",
        topic,
        health.lagEvents().isPresent()
            ? String.format(
                "%,d events, the oldest waiting %s",
                health.lagEvents().getAsLong(), Durations.words(health.lagAge(now).orElseThrow()))
            : "unknown");
    for (String problem : health.problems()) {
      out.printf("  (%s)%n", problem);
    }
    out.printf("pipeline: %s: %s%n", assessment.verdict().word(), assessment.reason());
  }
}
