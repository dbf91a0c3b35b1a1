package io.devlogs.settings.keys;

import static io.devlogs.settings.Component.BENCH;
import static io.devlogs.settings.Component.QUERY;

import io.devlogs.settings.Setting;
import io.devlogs.settings.ValueType;
import java.time.Duration;

/**
 * When the pipeline counts as stalled and a project's data as stale: the bounds of the status route
 * ({@code GET /v1/status}) and of {@code bin/devlogs status}.
 */
public final class HealthKeys {
  private HealthKeys() {}

  public static final Setting<Duration> CHECKPOINT_MAX_AGE =
      Setting.of(
          "health.checkpoint-max-age",
          ValueType.DURATION,
          "1min",
          "the running job is stalled when its latest completed checkpoint is older (events become searchable at checkpoints)",
          QUERY,
          BENCH);

  public static final Setting<Duration> MAX_LAG =
      Setting.of(
          "health.max-lag",
          ValueType.DURATION,
          "1min",
          "the running job is stalled when the oldest raw event it has not committed waited longer",
          QUERY,
          BENCH);

  public static final Setting<Duration> STALE_AFTER =
      Setting.of(
          "health.stale-after",
          ValueType.DURATION,
          "30min",
          "a project's data is stale when its newest stored event was received longer ago",
          QUERY);
}
