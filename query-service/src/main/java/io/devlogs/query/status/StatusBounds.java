package io.devlogs.query.status;

import io.devlogs.ops.health.PipelineBounds;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.HealthKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of a project's status: the pipeline's ({@code health.checkpoint-max-age}, {@code
 * health.max-lag}) and {@code health.stale-after}, past which a project's newest event is stale.
 */
public record StatusBounds(PipelineBounds pipeline, Duration staleAfter) {
  public StatusBounds {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(staleAfter, "staleAfter");
  }

  public static StatusBounds from(Settings settings) {
    return new StatusBounds(PipelineBounds.from(settings), settings.get(HealthKeys.STALE_AFTER));
  }
}
