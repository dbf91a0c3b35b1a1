package io.devlogs.flink.sinks;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.LocalDate;

/**
 * What the row formats of per-minute (and per-hour) tables share ({@code event_windows}, {@code
 * recorded_minutes}, {@code event_hours}): their monthly partition of the time column, the time as
 * a ClickHouse {@code DateTime}, and a histogram's sparse buckets as two arrays.
 */
final class MinuteRowFields {

  /** The partition expression of a table partitioned by the month of its {@code minute}. */
  static final String MONTH_OF_MINUTE = monthPartition("minute");

  private MinuteRowFields() {}

  /** The partition expression of a table partitioned by the month of its {@code timeColumn}. */
  static String monthPartition(String timeColumn) {
    return "toYYYYMM(" + timeColumn + ")";
  }

  /** {@code toYYYYMM} of the minute starting at {@code minuteStartMillis} (UTC). */
  static long monthOf(long minuteStartMillis) {
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(minuteStartMillis, 86_400_000L));
    return day.getYear() * 100L + day.getMonthValue();
  }

  /** The {@code minute} column of the minute starting at {@code minuteStartMillis}. */
  static void writeMinute(JsonGenerator json, long minuteStartMillis) throws IOException {
    writeTime(json, "minute", minuteStartMillis);
  }

  /** The {@code DateTime} column {@code column} of the time {@code startMillis} (whole seconds). */
  static void writeTime(JsonGenerator json, String column, long startMillis) throws IOException {
    json.writeStringField(
        column, ClickHouseEventFormat.dateTime(Math.floorDiv(startMillis, 1000L)));
  }

  /**
   * A histogram's bucket ids and counts as the array columns {@code idsField}, {@code countsField}.
   */
  static void writeBuckets(
      JsonGenerator json, String idsField, int[] ids, String countsField, long[] counts)
      throws IOException {
    json.writeArrayFieldStart(idsField);
    for (int id : ids) {
      json.writeNumber(id);
    }
    json.writeEndArray();
    json.writeArrayFieldStart(countsField);
    for (long count : counts) {
      json.writeNumber(count);
    }
    json.writeEndArray();
  }
}
