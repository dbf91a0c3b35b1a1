package io.devlogs.query.tail;

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

  public static final TailLimits DEFAULT = new TailLimits(1000, 4 * 1024 * 1024, 20, 500);

  public TailLimits {
    atLeastOne("tail.queue-events", queueEvents);
    atLeastOne("tail.queue-chars", queueChars);
    atLeastOne("tail.max-sockets-per-project", maxSocketsPerProject);
    atLeastOne("tail.max-sockets", maxSockets);
  }

  private static void atLeastOne(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, was " + value);
    }
  }
}
