package io.devlogs.query.tail;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.QueryKeys;
import java.util.Map;

/**
 * Bounds of the live tail. A socket's queue is bounded in events and in characters of queued JSON
 * (an event may be up to ingest's 900 KB), so a slow client holds at most {@code min(queueEvents
 * events, queueChars characters)} before it is dropped.
 *
 * @param queueEvents {@code tail.queue-events}: events queued per socket
 * @param queueChars {@code tail.queue-chars}: characters of JSON queued per socket
 * @param maxSocketsPerProject {@code tail.max-sockets-per-project}
 * @param maxSockets {@code tail.max-sockets}: live tails per query-service process
 */
public record TailLimits(
    int queueEvents, int queueChars, int maxSocketsPerProject, int maxSockets) {

  /** The limits of the {@code tail.*} settings' defaults. */
  public static final TailLimits DEFAULT = from(Settings.of(Map.of()));

  public TailLimits {
    atLeastOne("tail.queue-events", queueEvents);
    atLeastOne("tail.queue-chars", queueChars);
    atLeastOne("tail.max-sockets-per-project", maxSocketsPerProject);
    atLeastOne("tail.max-sockets", maxSockets);
  }

  /** The limits of the {@code tail.*} settings. */
  public static TailLimits from(Settings settings) {
    return new TailLimits(
        settings.get(QueryKeys.TAIL_QUEUE_EVENTS),
        settings.get(QueryKeys.TAIL_QUEUE_CHARS),
        settings.get(QueryKeys.TAIL_MAX_SOCKETS_PER_PROJECT),
        settings.get(QueryKeys.TAIL_MAX_SOCKETS));
  }

  private static void atLeastOne(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, was " + value);
    }
  }
}
