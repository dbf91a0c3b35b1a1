package io.devlogs.flink.config;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.JobKeys;
import java.time.Duration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * When the job checkpoints. This is the one place the checkpoint interval, mode and minimum pause
 * are set (the cluster's {@code config.yaml} only says where checkpoints are kept and for how
 * long): every sink commits on checkpoints, so the interval is part of the job's behaviour.
 *
 * @param interval {@code checkpoint.interval}: also the upper bound of the time until an event is
 *     visible in the sinks that commit on checkpoints
 */
public record CheckpointOptions(Duration interval) {

  /** The longest pause left between two checkpoints, so sinks can flush under load. */
  static final Duration MAX_MIN_PAUSE = Duration.ofSeconds(1);

  public CheckpointOptions {
    if (interval == null || interval.toMillis() < 10) {
      throw new IllegalArgumentException(
          JobKeys.CHECKPOINT_INTERVAL.key()
              + " must be at least 10ms (got "
              + interval
              + "); "
              + Checks.howToSet(JobKeys.CHECKPOINT_INTERVAL, "10s"));
    }
  }

  /** The checkpoint options the settings give. */
  public static CheckpointOptions from(Settings settings) {
    return new CheckpointOptions(settings.get(JobKeys.CHECKPOINT_INTERVAL));
  }

  /**
   * The pause between the end of a checkpoint and the start of the next: half the interval, at most
   * 1s.
   */
  public Duration minPause() {
    Duration half = interval.dividedBy(2);
    return half.compareTo(MAX_MIN_PAUSE) < 0 ? half : MAX_MIN_PAUSE;
  }

  /** Exactly-once checkpoints at the interval, with the minimum pause. */
  public void applyTo(StreamExecutionEnvironment env) {
    env.enableCheckpointing(interval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
    env.getCheckpointConfig().setMinPauseBetweenCheckpoints(minPause().toMillis());
  }
}
