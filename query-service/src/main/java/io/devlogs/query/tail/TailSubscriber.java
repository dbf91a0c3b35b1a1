package io.devlogs.query.tail;

import io.devlogs.query.filters.SearchFilters;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * One live-tail socket: its project, its filters and a bounded queue of messages waiting to be
 * written. At most one frame is being written at a time; the next one is sent when the previous
 * write completes, so a client that stops reading stops its own queue from draining and nothing
 * else. Thread-safe: the Kafka feed offers, the socket's write completions drain.
 */
public final class TailSubscriber {
  private final String projectId;
  private final SearchFilters filters;
  private final TailSocket socket;
  private final TailLimits limits;

  // Guarded by this.
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private long queuedChars;
  private String overflow;
  private boolean writing;
  private boolean draining;
  private boolean finished;

  TailSubscriber(String projectId, SearchFilters filters, TailSocket socket, TailLimits limits) {
    this.projectId = Objects.requireNonNull(projectId, "projectId");
    this.filters = Objects.requireNonNull(filters, "filters");
    this.socket = Objects.requireNonNull(socket, "socket");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public String projectId() {
    return projectId;
  }

  SearchFilters filters() {
    return filters;
  }

  /** Messages waiting to be written (not counting the one being written). */
  public synchronized int queued() {
    return queue.size();
  }

  /** Characters of the messages waiting to be written. */
  public synchronized long queuedChars() {
    return queuedChars;
  }

  /**
   * Queues a message for the socket. False, with nothing queued, when the queue would exceed its
   * event or character bound: the caller drops this subscriber ({@link #overflow()} says which).
   * One message is always accepted into an empty queue, whatever its size.
   */
  boolean offer(String message) {
    synchronized (this) {
      if (finished) {
        return true;
      }
      if (queue.size() >= limits.queueEvents()) {
        overflow = "more than " + limits.queueEvents() + " events queued";
        return false;
      }
      if (!queue.isEmpty() && queuedChars + message.length() > limits.queueChars()) {
        overflow = "more than " + limits.queueChars() + " characters of events queued";
        return false;
      }
      enqueue(message);
    }
    drain();
    return true;
  }

  /**
   * Queues {@code ready} and then makes this subscriber visible to the feed ({@code
   * becomeVisible}), both under its lock: an event published the moment it is visible waits for the
   * lock and is queued after {@code ready}. Queued the other way round, outside the lock, a client
   * could read {@code ready} while the feed did not see it yet, and miss the next event (a test
   * did, once).
   */
  void ready(String ready, Runnable becomeVisible) {
    synchronized (this) {
      if (!finished) {
        enqueue(ready);
      }
      becomeVisible.run();
    }
    drain();
  }

  /** Holding this subscriber's lock. */
  private void enqueue(String message) {
    queue.add(message);
    queuedChars += message.length();
  }

  /** What overflowed when {@link #offer} refused a message. */
  synchronized String overflow() {
    return overflow;
  }

  /**
   * Discards what is queued, sends {@code lastMessage} and closes with {@code code}. Only the first
   * call has an effect.
   */
  void finish(String lastMessage, int code, String reason) {
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
      clear();
    }
    socket.closeWith(lastMessage, code, reason);
  }

  /**
   * Writes queued messages one at a time. A write may complete inside {@code socket.send}; its
   * completion then only clears {@code writing} and this loop goes on, so the stack never grows.
   */
  private void drain() {
    synchronized (this) {
      if (draining) {
        return;
      }
      draining = true;
    }
    while (true) {
      String next;
      synchronized (this) {
        if (writing || finished || queue.isEmpty()) {
          draining = false;
          return;
        }
        next = queue.poll();
        queuedChars -= next.length();
        writing = true;
      }
      socket.send(next, this::written);
    }
  }

  private void clear() {
    queue.clear();
    queuedChars = 0;
  }

  private void written(Throwable failure) {
    synchronized (this) {
      writing = false;
      if (failure != null) {
        // The socket is gone; its close event unsubscribes us.
        finished = true;
        clear();
        return;
      }
    }
    drain();
  }
}
