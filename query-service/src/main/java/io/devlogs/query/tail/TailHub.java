package io.devlogs.query.tail;

import io.devlogs.query.filters.SearchFilters;
import io.devlogs.query.records.LogEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the events of one {@link TailFeed} (one Kafka consumer per process) out to the live-tail
 * sockets whose project and filters match. Each socket has a bounded queue; a socket whose queue is
 * full is sent {@code {"type":"dropped"}} and closed with 4008, so a slow client never holds more
 * than its queue bounds ({@link TailLimits}) in memory and never delays the feed or the other
 * sockets.
 *
 * <p>The feed is started by the first subscriber and stops once no tail has been open for a while.
 * Subscribers are told {@code ready} once the feed reads from the newest events; if the feed fails,
 * every subscriber gets {@code backend_unavailable} and the next subscriber starts it again.
 */
public final class TailHub {
  private static final Logger LOG = LoggerFactory.getLogger(TailHub.class);

  private enum FeedState {
    STOPPED,
    STARTING,
    READY
  }

  private final TailFeed feed;
  private final TailLimits limits;

  // Read by the feed thread without the lock; changed under it.
  private final Map<String, Set<TailSubscriber>> active = new ConcurrentHashMap<>();

  // Guarded by this.
  private final Set<TailSubscriber> pending = new LinkedHashSet<>();
  private final Map<String, Integer> openPerProject = new HashMap<>();
  private int open;
  private FeedState feedState = FeedState.STOPPED;

  private final AtomicLong subscribed = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();

  public TailHub(TailFeed feed, TailLimits limits) {
    this.feed = Objects.requireNonNull(feed, "feed");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** A hub over {@code options}' Kafka topic. */
  public static TailHub overKafka(TailOptions options) {
    return new TailHub(new KafkaTailFeed(options), options.limits());
  }

  /** A hub whose tails all answer {@code backend_unavailable} (tests of the other routes). */
  public static TailHub unavailable() {
    return new TailHub(TailFeed.unavailable(), TailLimits.DEFAULT);
  }

  /**
   * Registers a socket for the events of {@code projectId} that match {@code filters}. It is sent
   * {@code ready} (now, or once the feed is positioned) and then the matching events.
   *
   * @throws TailRefusedException when the project or the service has too many tails open
   */
  public TailSubscriber subscribe(String projectId, SearchFilters filters, TailSocket socket)
      throws TailRefusedException {
    TailSubscriber subscriber;
    boolean startFeed = false;
    int openNow;
    synchronized (this) {
      int ofProject = openPerProject.getOrDefault(projectId, 0);
      int maxTotal = limits.maxSockets();
      int maxPerProject = limits.maxSocketsPerProject();
      if (open >= maxTotal) {
        refused.incrementAndGet();
        throw new TailRefusedException(
            "too_many_tails",
            "this server already serves " + maxTotal + " live tails; retry later");
      }
      if (ofProject >= maxPerProject) {
        refused.incrementAndGet();
        throw new TailRefusedException(
            "too_many_tails",
            "the project already has " + maxPerProject + " live tails open; close one first");
      }
      subscriber = new TailSubscriber(projectId, filters, socket, limits);
      open++;
      openPerProject.put(projectId, ofProject + 1);
      subscribed.incrementAndGet();
      if (feedState == FeedState.READY) {
        activate(subscriber);
      } else {
        pending.add(subscriber);
        startFeed = feedState == FeedState.STOPPED;
        feedState = FeedState.STARTING;
      }
      openNow = open;
    }
    LOG.info("live tail opened for project {} ({} open)", projectId, openNow);
    if (startFeed) {
      feed.start(this);
    }
    return subscriber;
  }

  /** Removes a subscriber (its socket closed); safe to call more than once. */
  public synchronized void unsubscribe(TailSubscriber subscriber) {
    Set<TailSubscriber> ofProject = active.get(subscriber.projectId());
    boolean removed = pending.remove(subscriber);
    if (ofProject != null && ofProject.remove(subscriber)) {
      removed = true;
      if (ofProject.isEmpty()) {
        active.remove(subscriber.projectId());
      }
    }
    if (removed) {
      open--;
      openPerProject.computeIfPresent(subscriber.projectId(), (p, n) -> n > 1 ? n - 1 : null);
      LOG.debug("live tail closed for project {} ({} open)", subscriber.projectId(), open);
    }
  }

  /** Whether any socket of {@code projectId} is listening (the feed decodes only those). */
  public boolean wants(String projectId) {
    return active.containsKey(projectId);
  }

  /** Queues {@code event} on every socket of {@code projectId} whose filters it matches. */
  public void publish(String projectId, LogEvent event) {
    Set<TailSubscriber> subscribers = active.get(projectId);
    if (subscribers == null) {
      return;
    }
    String message = null;
    for (TailSubscriber subscriber : subscribers) {
      if (!subscriber.filters().matches(event)) {
        continue;
      }
      if (message == null) {
        message = TailMessages.event(event);
      }
      if (subscriber.offer(message)) {
        delivered.incrementAndGet();
      } else {
        drop(subscriber);
      }
    }
  }

  /** Called by the feed once it reads from the newest events: pending subscribers get ready. */
  public synchronized void feedReady() {
    feedState = FeedState.READY;
    for (TailSubscriber subscriber : pending) {
      activate(subscriber);
    }
    pending.clear();
  }

  /**
   * Called by the feed when no tail has been open for a while: true if it should stop now (the next
   * subscriber starts it again), false if a tail opened meanwhile.
   */
  public synchronized boolean stopIfIdle() {
    if (open > 0) {
      return false;
    }
    feedState = FeedState.STOPPED;
    return true;
  }

  /** Whether no tail is open or waiting. */
  public synchronized boolean idle() {
    return open == 0;
  }

  /** Called by the feed when it stopped: every subscriber gets the error and is closed. */
  public void feedFailed(String detail) {
    List<TailSubscriber> all = new ArrayList<>();
    synchronized (this) {
      feedState = FeedState.STOPPED;
      all.addAll(pending);
      active.values().forEach(all::addAll);
      pending.clear();
      active.clear();
      openPerProject.clear();
      open = 0;
    }
    if (!all.isEmpty()) {
      LOG.warn("live tail feed stopped, closing {} tails: {}", all.size(), detail);
    }
    String message = TailMessages.error("backend_unavailable", detail);
    for (TailSubscriber subscriber : all) {
      subscriber.finish(message, TailClose.UNAVAILABLE, "backend unavailable");
    }
  }

  /** Stops the feed (service shut-down); the sockets close with the server. */
  public void close() {
    feed.stop();
  }

  public synchronized TailStats stats() {
    return new TailStats(open, subscribed.get(), refused.get(), dropped.get(), delivered.get());
  }

  private void activate(TailSubscriber subscriber) {
    subscriber.ready(
        TailMessages.READY,
        () ->
            active
                .computeIfAbsent(subscriber.projectId(), p -> ConcurrentHashMap.newKeySet())
                .add(subscriber));
  }

  private void drop(TailSubscriber subscriber) {
    unsubscribe(subscriber);
    long total = dropped.incrementAndGet();
    String overflow = subscriber.overflow();
    LOG.info(
        "live tail of project {} dropped: {} ({} dropped since start)",
        subscriber.projectId(),
        overflow,
        total);
    subscriber.finish(TailMessages.dropped(overflow), TailClose.TOO_SLOW, "client too slow");
  }
}
