package io.devlogs.flink.aggregate;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.JobKeys;
import java.io.Serializable;
import java.time.Duration;

/**
 * Options of the one-minute event-time windows. Their watermarks come from the received times at
 * the Kafka source, per partition ({@link ReceivedTimeWatermarks}).
 *
 * @param outOfOrderness {@code windows.out-of-orderness}: how long before ingest received it an
 *     event may have happened and still be on time (the watermark of a partition lags its newest
 *     received time by this much); default 10s
 * @param idleness {@code windows.idleness}: a Kafka partition without records for this long stops
 *     holding back the watermark until its next record; 0 disables; default 1min
 * @param allowedLateness {@code windows.allowed-lateness}: how long after the watermark passed a
 *     window's end a late event still updates the window (the row is emitted again with a higher
 *     version); later events go to the dead-letter topic; default 10min
 */
public record WindowOptions(Duration outOfOrderness, Duration idleness, Duration allowedLateness)
    implements Serializable {

  public WindowOptions {
    requireNonNegative(outOfOrderness, JobKeys.WINDOWS_OUT_OF_ORDERNESS.key(), "10s");
    requireNonNegative(idleness, JobKeys.WINDOWS_IDLENESS.key(), "1min, or 0 to disable");
    requireNonNegative(allowedLateness, JobKeys.WINDOWS_ALLOWED_LATENESS.key(), "10min");
  }

  /** The window options the settings give. */
  public static WindowOptions from(Settings settings) {
    return new WindowOptions(
        settings.get(JobKeys.WINDOWS_OUT_OF_ORDERNESS),
        settings.get(JobKeys.WINDOWS_IDLENESS),
        settings.get(JobKeys.WINDOWS_ALLOWED_LATENESS));
  }

  private static void requireNonNegative(Duration d, String key, String example) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(
          key + " must be a duration of 0 or more, e.g. " + example + " (got " + d + ")");
    }
  }
}
