package io.devlogs.flink.config;

import io.devlogs.flink.aggregate.WindowOptions;
import io.devlogs.flink.enrich.EnrichOptions;
import io.devlogs.flink.patterns.PatternOptions;
import io.devlogs.settings.Settings;
import java.util.Objects;

/**
 * The job's options, one immutable, checked record per concern, built once from {@link Settings}
 * (argument, system property, {@code DEVLOGS_*} environment, the registry's default). Each sink
 * receives only the options of its own store.
 *
 * @param kafka the raw, parsed and dead-letter topics
 * @param clickhouse events, minute windows and dead letters
 * @param cassandra stream events
 * @param checkpoints when the job checkpoints
 * @param windows {@code windows.*}: event-time minute windows
 * @param enrich {@code postgres.*}, {@code settings.refresh}, {@code dedup.window}: project
 *     settings and de-duplication
 * @param patterns {@code patterns.*}: log pattern mining
 */
public record PipelineOptions(
    KafkaOptions kafka,
    ClickHouseOptions clickhouse,
    CassandraOptions cassandra,
    CheckpointOptions checkpoints,
    WindowOptions windows,
    EnrichOptions enrich,
    PatternOptions patterns) {

  public PipelineOptions {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(clickhouse, "clickhouse");
    Objects.requireNonNull(cassandra, "cassandra");
    Objects.requireNonNull(checkpoints, "checkpoints");
    Objects.requireNonNull(windows, "windows");
    Objects.requireNonNull(enrich, "enrich");
    Objects.requireNonNull(patterns, "patterns");
  }

  /** The options the settings give; every value is checked here, before anything starts. */
  public static PipelineOptions from(Settings settings) {
    return new PipelineOptions(
        KafkaOptions.from(settings),
        ClickHouseOptions.from(settings),
        CassandraOptions.from(settings),
        CheckpointOptions.from(settings),
        WindowOptions.from(settings),
        EnrichOptions.from(settings),
        PatternOptions.from(settings));
  }
}
