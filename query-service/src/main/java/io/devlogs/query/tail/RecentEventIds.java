package io.devlogs.query.tail;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} events the live tail published, by project and event id, so that an
 * event the job writes again is not shown again. The tail reads the parsed topic {@code
 * read_uncommitted}: when the job fails, the events of its open Kafka transaction have already been
 * shown, the transaction is aborted, and after recovery the job writes the same events (same ids)
 * again; this is how the second copy is recognised.
 *
 * <p>Keys are 64-bit FNV-1a hashes of project and id (a chance of about 10<sup>-9</sup> that two
 * different events of a full set collide, hiding one from the live view, never from a store). Used
 * by the feed thread only: not thread-safe.
 */
final class RecentEventIds {

  /**
   * Events remembered per query-service process: more than a checkpoint interval's worth of the
   * tailed projects' events at the job's sustained rate, about 6 MB.
   */
  static final int DEFAULT_CAPACITY = 100_000;

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private final Map<Long, Boolean> seen;

  RecentEventIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.seen =
        new LinkedHashMap<>(capacity * 4 / 3 + 1) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** True the first time an event is offered (and remembers it), false for a repeat. */
  boolean firstTime(String projectId, String eventId) {
    return seen.putIfAbsent(key(projectId, eventId), Boolean.TRUE) == null;
  }

  private static long key(String projectId, String eventId) {
    long h = FNV_OFFSET;
    h = mix(h, projectId);
    h = (h ^ 0xffff) * FNV_PRIME; // a separator no UTF-16 unit of a project id equals
    return mix(h, eventId);
  }

  private static long mix(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * FNV_PRIME;
    }
    return h;
  }
}
