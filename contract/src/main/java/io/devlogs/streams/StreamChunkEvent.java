package io.devlogs.streams;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

/**
 * One event of a stream chunk: what {@code GET /v1/streams/{name}} returns of it, and what the job
 * knows of its delivery. A stream's order is {@link #ORDER}: time ({@code tsMillis}, milliseconds,
 * as Cassandra stores time), then event id; two entries with the same time and id are the same
 * event (see {@link StreamChunks#merge}).
 */
public record StreamChunkEvent(
    long tsMillis,
    String eventId,
    String level,
    String service,
    String message,
    Map<String, String> attributes,
    long receivedAtMillis,
    long ingestLagMs,
    int sizeBytes) {

  /**
   * A stream's order: time, then event id by code point, which is the order of their UTF-8 bytes,
   * Cassandra's order of text (and so the order of {@code stream_events}).
   */
  public static final Comparator<StreamChunkEvent> ORDER =
      Comparator.comparingLong(StreamChunkEvent::tsMillis)
          .thenComparing(StreamChunkEvent::eventId, StreamChunkEvent::compareIds);

  public StreamChunkEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(attributes, "attributes");
  }

  /** Whether this event lies after the position {@code (tsMillis, eventId)} in stream order. */
  public boolean isAfter(long positionMillis, String positionEventId) {
    return tsMillis > positionMillis
        || (tsMillis == positionMillis && compareIds(eventId, positionEventId) > 0);
  }

  /** Event ids in code point order (UTF-16 order puts U+E000..U+FFFF after surrogate pairs). */
  public static int compareIds(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return codePointRank(x) - codePointRank(y);
      }
    }
    return a.length() - b.length();
  }

  private static int codePointRank(char c) {
    if (c >= 0xE000) {
      return c - 0x800;
    }
    return c >= 0xD800 ? c + 0x2000 : c;
  }
}
