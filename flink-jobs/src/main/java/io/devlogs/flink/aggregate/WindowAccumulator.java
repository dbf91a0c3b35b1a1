package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import java.util.List;
import java.util.Map;

/**
 * Running totals of one window (one project, service and level, one minute): event count, bytes,
 * error count and a {@link LatencyHistogram} of the durations events carry. Mergeable.
 *
 * <p><b>Bytes</b> are the UTF-8 size of the message plus every attribute key and value (LogEvent
 * does not carry the size of the raw record, and the raw record's JSON syntax, time and level
 * fields are not what a user pays attention to). <b>Errors</b> are events of level ERROR or FATAL.
 *
 * <p><b>Durations</b> come from the first of the attributes {@link #DURATION_ATTRIBUTES} (in that
 * order) whose value is a duration: a plain number is milliseconds ({@code "12.5"}); a number with
 * a unit suffix {@code ns}, {@code us}/{@code µs}, {@code ms}, {@code s} or {@code m} is converted
 * ({@code "1.5s"} = 1500 ms). Negative, non-finite and unparseable values are ignored (the event is
 * still counted, it just carries no duration).
 *
 * <p>Plain Java, no Flink types. The getters and setters exist so Flink serializes it as a POJO.
 */
public final class WindowAccumulator {

  /** Attributes read as the event's duration, in order of precedence. */
  public static final List<String> DURATION_ATTRIBUTES =
      List.of("duration_ms", "duration", "latency_ms", "elapsed_ms", "took_ms");

  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("[+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?");

  private long events;
  private long bytes;
  private long errors;
  private LatencyHistogram latency = new LatencyHistogram();

  public WindowAccumulator() {}

  /** Counts one event. */
  public WindowAccumulator add(LogEvent event) {
    events++;
    bytes += utf8Length(event.message());
    for (Map.Entry<String, String> a : event.attributes().entrySet()) {
      bytes += utf8Length(a.getKey()) + utf8Length(a.getValue());
    }
    if (event.level() == Level.ERROR || event.level() == Level.FATAL) {
      errors++;
    }
    double millis = durationMillis(event.attributes());
    if (!Double.isNaN(millis)) {
      latency.add(millis);
    }
    return this;
  }

  /** Adds {@code other}'s totals to this one. */
  public WindowAccumulator merge(WindowAccumulator other) {
    events += other.events;
    bytes += other.bytes;
    errors += other.errors;
    latency.merge(other.latency);
    return this;
  }

  /** The event's duration in milliseconds (see class comment), or NaN if it carries none. */
  public static double durationMillis(Map<String, String> attributes) {
    if (attributes.isEmpty()) {
      return Double.NaN;
    }
    for (String key : DURATION_ATTRIBUTES) {
      String value = attributes.get(key);
      if (value != null) {
        double millis = parseMillis(value);
        if (!Double.isNaN(millis)) {
          return millis;
        }
      }
    }
    return Double.NaN;
  }

  /** {@code "12.5"} (ms), {@code "250ms"}, {@code "1.5s"}, {@code "300us"}; NaN if not that. */
  static double parseMillis(String value) {
    String v = value.strip();
    int end = v.length();
    while (end > 0 && (Character.isLetter(v.charAt(end - 1)) || v.charAt(end - 1) == 'µ')) {
      end--;
    }
    double factor;
    switch (v.substring(end).toLowerCase(java.util.Locale.ROOT)) {
      case "", "ms" -> factor = 1;
      case "ns" -> factor = 1e-6;
      case "us", "µs" -> factor = 1e-3;
      case "s" -> factor = 1e3;
      case "m" -> factor = 60e3;
      default -> {
        return Double.NaN;
      }
    }
    String number = v.substring(0, end).strip();
    if (number.isEmpty() || !NUMBER.matcher(number).matches()) {
      return Double.NaN;
    }
    double millis = Double.parseDouble(number) * factor;
    return Double.isFinite(millis) ? millis : Double.NaN;
  }

  /** Number of bytes of {@code s} in UTF-8, without encoding it. */
  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        n += 1; // a lone surrogate: the UTF-8 encoder writes '?'
      } else {
        n += 3;
      }
    }
    return n;
  }

  public long events() {
    return events;
  }

  public long bytes() {
    return bytes;
  }

  public long errors() {
    return errors;
  }

  /** The live histogram (not a copy). */
  public LatencyHistogram latency() {
    return latency;
  }

  // ---- POJO accessors for Flink's serializer ----

  public long getEvents() {
    return events;
  }

  public void setEvents(long events) {
    this.events = events;
  }

  public long getBytes() {
    return bytes;
  }

  public void setBytes(long bytes) {
    this.bytes = bytes;
  }

  public long getErrors() {
    return errors;
  }

  public void setErrors(long errors) {
    this.errors = errors;
  }

  public LatencyHistogram getLatency() {
    return latency;
  }

  public void setLatency(LatencyHistogram latency) {
    this.latency = latency;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WindowAccumulator a
        && events == a.events
        && bytes == a.bytes
        && errors == a.errors
        && latency.equals(a.latency);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(events) * 31 + latency.hashCode();
  }

  @Override
  public String toString() {
    return "WindowAccumulator{events="
        + events
        + ", bytes="
        + bytes
        + ", errors="
        + errors
        + ", latency="
        + latency
        + "}";
  }
}
