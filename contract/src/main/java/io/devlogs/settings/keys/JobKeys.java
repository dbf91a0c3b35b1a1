package io.devlogs.settings.keys;

import static io.devlogs.settings.Component.JOB;

import io.devlogs.settings.Setting;
import io.devlogs.settings.ValueType;
import java.time.Duration;

/** The Flink job's own behaviour (its stores are in the other key classes). */
public final class JobKeys {
  private JobKeys() {}

  public static final Setting<Duration> CHECKPOINT_INTERVAL =
      Setting.of(
          "checkpoint.interval",
          ValueType.DURATION,
          "1s",
          "how often the job checkpoints, which is when stored events become searchable (the live tail does not wait for it)",
          JOB);

  public static final Setting<Duration> WINDOWS_OUT_OF_ORDERNESS =
      Setting.of(
          "windows.out-of-orderness",
          ValueType.DURATION,
          "10s",
          "minute windows: how long before ingest received it an event may have happened and still be on time",
          JOB);

  public static final Setting<Duration> WINDOWS_IDLENESS =
      Setting.of(
          "windows.idleness",
          ValueType.DURATION,
          "1min",
          "a Kafka partition without records this long stops holding the minute windows back (`0` disables; then keep the parallelism at most the partition count)",
          JOB);

  public static final Setting<Duration> WINDOWS_ALLOWED_LATENESS =
      Setting.of(
          "windows.allowed-lateness",
          ValueType.DURATION,
          "10min",
          "late events still update their minute row this long",
          JOB);

  public static final Setting<Duration> SETTINGS_REFRESH =
      Setting.of(
          "settings.refresh",
          ValueType.DURATION,
          "5s",
          "how often project settings are reloaded from PostgreSQL",
          JOB);

  public static final Setting<Duration> ALERTS_REFRESH =
      Setting.of(
          "alerts.refresh",
          ValueType.DURATION,
          "5s",
          "how often alert rules and silences are reloaded from PostgreSQL into the running job",
          JOB);

  public static final Setting<Boolean> ALERTS_ENABLED =
      Setting.of(
          "alerts.enabled",
          ValueType.BOOLEAN,
          "true",
          "whether the job decides alert rules (`alert_rules`) and writes their transitions to the alerts topic and `alert_history`",
          JOB);

  public static final Setting<Duration> DEDUP_WINDOW =
      Setting.of(
          "dedup.window",
          ValueType.DURATION,
          "10min",
          "how long an event id is remembered to drop a retried request's events",
          JOB);

  public static final Setting<Integer> PATTERNS_MAX_PER_PROJECT =
      Setting.of(
          "patterns.max-per-project",
          ValueType.integer(1, 1_000_000),
          "1000",
          "log patterns kept per project; a new one beyond this evicts the least recently seen (metric `patternsEvicted`)",
          JOB);

  public static final Setting<Integer> PATTERNS_MAX_TOKENS =
      Setting.of(
          "patterns.max-tokens",
          ValueType.integer(1, 10_000),
          "64",
          "tokens of a message that decide its log pattern; the rest counts as one",
          JOB);

  public static final Setting<Integer> PATTERNS_SIMILARITY_PERCENT =
      Setting.of(
          "patterns.similarity-percent",
          ValueType.integer(1, 100),
          "50",
          "a message joins a log pattern when at least this share of the pattern's fixed words equal its own",
          JOB);
}
