package io.devlogs.flink.aggregate;

import static io.devlogs.flink.config.OptionValues.duration;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

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

  public static final String OUT_OF_ORDERNESS = "windows.out-of-orderness";
  public static final String IDLENESS = "windows.idleness";
  public static final String ALLOWED_LATENESS = "windows.allowed-lateness";

  public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(10);
  public static final Duration DEFAULT_IDLENESS = Duration.ofMinutes(1);
  public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofMinutes(10);

  public WindowOptions {
    requireNonNegative(outOfOrderness, OUT_OF_ORDERNESS, "10s");
    requireNonNegative(idleness, IDLENESS, "1min, or 0 to disable");
    requireNonNegative(allowedLateness, ALLOWED_LATENESS, "10min");
  }

  /** The defaults: 10s out of orderness, 1min idleness, 10min allowed lateness. */
  public static WindowOptions defaults() {
    return new WindowOptions(DEFAULT_OUT_OF_ORDERNESS, DEFAULT_IDLENESS, DEFAULT_ALLOWED_LATENESS);
  }

  /** Options from the job's key/value arguments; missing keys take their defaults. */
  public static WindowOptions fromMap(Map<String, String> values) {
    return new WindowOptions(
        duration(values, OUT_OF_ORDERNESS, DEFAULT_OUT_OF_ORDERNESS),
        duration(values, IDLENESS, DEFAULT_IDLENESS),
        duration(values, ALLOWED_LATENESS, DEFAULT_ALLOWED_LATENESS));
  }

  private static void requireNonNegative(Duration d, String key, String example) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(
          key + " must be a duration of 0 or more, e.g. " + example + " (got " + d + ")");
    }
  }
}
