package io.devlogs.flink.safety;

import io.devlogs.events.EventBounds;
import io.devlogs.events.SafeText;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.topics.ParsedEventJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes a parsed event safe for every store the pipeline writes to, before any sink sees it: text
 * that no store accepts is replaced ({@link SafeText}: lone surrogates become U+FFFD), and an event
 * past a bound of {@link EventBounds} is refused with a reason naming the bound, so it becomes a
 * dead letter instead of a write that some store would refuse. Plain Java, thread-safe.
 */
public final class StoreSafeEvents {

  /** A safe event, or the reason why the event cannot be stored. */
  public record Checked(LogEvent event, String problem) {
    public boolean safe() {
      return problem == null;
    }
  }

  /**
   * The parsed topic's JSON escapes a character into at most six bytes; an event whose text is this
   * far below the limit needs no measuring.
   */
  private static final int BYTES_PER_CHAR = 6;

  private static final int FIXED_JSON_BYTES = 1024;

  private StoreSafeEvents() {}

  /** The event with safe text, or the first bound it passes. */
  public static Checked check(LogEvent event) {
    LogEvent safe = withSafeText(event);
    String problem =
        EventBounds.problem(safe.eventId(), safe.service(), safe.stream(), safe.attributes());
    if (problem == null && mayPassParsedSize(safe)) {
      problem = EventBounds.parsedSizeProblem(ParsedEventJson.write(safe.toParsedEvent()).length);
    }
    return new Checked(problem == null ? safe : null, problem);
  }

  private static boolean mayPassParsedSize(LogEvent e) {
    long chars =
        (long) e.message().length()
            + e.eventId().length()
            + e.service().length()
            + e.stream().length()
            + e.projectId().length();
    for (Map.Entry<String, String> a : e.attributes().entrySet()) {
      chars += a.getKey().length() + a.getValue().length() + 8;
    }
    return chars * BYTES_PER_CHAR + FIXED_JSON_BYTES > EventBounds.MAX_PARSED_EVENT_BYTES;
  }

  /** The event itself when all its text is safe (the common case), else a copy with safe text. */
  static LogEvent withSafeText(LogEvent e) {
    boolean unsafe =
        SafeText.hasLoneSurrogate(e.projectId())
            || SafeText.hasLoneSurrogate(e.eventId())
            || SafeText.hasLoneSurrogate(e.service())
            || SafeText.hasLoneSurrogate(e.stream())
            || SafeText.hasLoneSurrogate(e.message());
    for (Map.Entry<String, String> a : e.attributes().entrySet()) {
      unsafe |= SafeText.hasLoneSurrogate(a.getKey()) || SafeText.hasLoneSurrogate(a.getValue());
    }
    if (!unsafe) {
      return e;
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    e.attributes().forEach((k, v) -> attributes.merge(SafeText.of(k), SafeText.of(v), (x, y) -> x));
    return new LogEvent(
        SafeText.of(e.projectId()),
        SafeText.of(e.eventId()),
        e.epochNanos(),
        e.level(),
        SafeText.of(e.service()),
        SafeText.of(e.stream()),
        SafeText.of(e.message()),
        attributes,
        e.receivedAtMillis(),
        e.sizeBytes(),
        e.retentionDays());
  }
}
