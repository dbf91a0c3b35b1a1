package io.devlogs.ops.health;

import io.devlogs.ops.flink.FlinkRest;
import io.devlogs.ops.flink.FlinkRestException;
import io.devlogs.ops.flink.JobSummary;
import io.devlogs.ops.flink.JobsByName;
import io.devlogs.ops.kafka.ConsumerLag;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.EndpointKeys;
import io.devlogs.settings.keys.KafkaKeys;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Probes the pipeline job: its state and latest checkpoint from the JobManager's REST API, its
 * consumer group's lag on the raw topic from Kafka. An engine that does not answer is reported in
 * the probe ({@link PipelineHealth#UNREACHABLE}, an empty lag), never thrown.
 */
public final class PipelineProbe implements AutoCloseable {
  private final FlinkRest flink;
  private final String jobName;
  private final ConsumerLag lag;
  private final Clock clock;

  public PipelineProbe(FlinkRest flink, String jobName, ConsumerLag lag, Clock clock) {
    this.flink = flink;
    this.jobName = jobName;
    this.lag = lag;
    this.clock = clock;
  }

  /**
   * The job {@code flink.job-name} at {@code flink.rest-url}, its group {@code kafka.group-id} on
   * {@code kafka.raw-topic}.
   *
   * @param timeout how long each question to Flink or Kafka may take
   */
  public static PipelineProbe fromSettings(Settings settings, Duration timeout) {
    return new PipelineProbe(
        new FlinkRest(settings.get(EndpointKeys.FLINK_REST_URL), timeout),
        settings.get(EndpointKeys.FLINK_JOB_NAME),
        new ConsumerLag(
            settings.get(KafkaKeys.BOOTSTRAP_SERVERS),
            settings.get(KafkaKeys.RAW_TOPIC),
            settings.get(KafkaKeys.GROUP_ID),
            timeout),
        Clock.systemUTC());
  }

  public PipelineHealth probe() {
    List<String> problems = new ArrayList<>();
    String state = PipelineHealth.UNREACHABLE;
    Optional<Instant> runningSince = Optional.empty();
    Optional<Instant> lastCheckpoint = Optional.empty();
    try {
      JobsByName jobs = flink.jobsNamed(jobName);
      state = jobs.state().orElse(PipelineHealth.ABSENT);
      Optional<JobSummary> running = jobs.running();
      if (running.isPresent()) {
        runningSince = Optional.of(flink.startTime(running.get().id()));
        lastCheckpoint = flink.latestCompletedCheckpointTime(running.get().id());
      }
    } catch (UncheckedIOException | FlinkRestException e) {
      state = PipelineHealth.UNREACHABLE;
      runningSince = Optional.empty();
      lastCheckpoint = Optional.empty();
      problems.add("Flink REST at " + flink.baseUrl() + ": " + e.getMessage());
    }
    OptionalLong lagEvents = OptionalLong.empty();
    Optional<Instant> oldest = Optional.empty();
    try {
      ConsumerLag.Lag measured = lag.measure();
      lagEvents = OptionalLong.of(measured.events());
      oldest = measured.oldestUnconsumed();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      problems.add("Kafka consumer lag: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("Kafka consumer lag: interrupted");
    }
    return new PipelineHealth(
        jobName, state, runningSince, lastCheckpoint, lagEvents, oldest, problems, clock.instant());
  }

  @Override
  public void close() {
    lag.close();
  }
}
