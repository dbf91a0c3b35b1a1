package io.devlogs.query.tail;

/**
 * The source of parsed events behind a {@link TailHub}. {@link #start} must not block: the feed
 * later calls {@link TailHub#feedReady()} once it reads from the newest events, {@link
 * TailHub#publish} per event, and {@link TailHub#feedFailed} if it cannot go on.
 */
@FunctionalInterface
public interface TailFeed {
  void start(TailHub hub);

  /** Stops reading (service shut-down). */
  default void stop() {}

  /** A feed that is not configured: every tail gets {@code backend_unavailable}. */
  static TailFeed unavailable() {
    return hub -> hub.feedFailed("live tail is not configured on this server");
  }
}
