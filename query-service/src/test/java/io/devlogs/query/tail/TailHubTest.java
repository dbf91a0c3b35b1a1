package io.devlogs.query.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.query.filters.SearchFilters;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.LogEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Fan-out, bounded queues, drops and limits of the hub, with fake sockets and a fake feed. */
class TailHubTest {
  private static final String READY = TailMessages.READY;

  private final AtomicInteger feedStarts = new AtomicInteger();
  private final TailFeed feed = hub -> feedStarts.incrementAndGet();

  private static LogEvent event(String id, String level, String service) {
    return new LogEvent(
        id,
        Instant.parse("2024-05-01T10:00:00Z"),
        level,
        service,
        "default",
        "msg " + id,
        Map.of());
  }

  private static SearchFilters filters(Map<String, List<String>> params) {
    return SearchFilters.parse(new RequestParams(params));
  }

  /**
   * A hub whose queues hold {@code events} events or {@code chars} characters (5 sockets a
   * project).
   */
  private TailHub hub(int events, int chars) {
    return new TailHub(feed, new TailLimits(events, chars, 5, 10));
  }

  private static List<String> ids(FakeSocket socket) {
    return socket.written().stream()
        .filter(m -> m.contains("\"type\":\"event\""))
        .map(m -> m.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"))
        .toList();
  }

  @Test
  void eventsReachOnlyTheirProjectsSocketsWhoseFiltersMatchAfterReady() throws Exception {
    TailHub hub = hub(10, 1_000_000);
    FakeSocket errorsOfA = FakeSocket.fast();
    FakeSocket allOfA = FakeSocket.fast();
    FakeSocket allOfB = FakeSocket.fast();
    hub.subscribe("p_A", filters(Map.of("level", List.of("error"))), errorsOfA);
    hub.subscribe("p_A", SearchFilters.NONE, allOfA);
    hub.subscribe("p_B", SearchFilters.NONE, allOfB);
    assertThat(feedStarts).as("one feed for all sockets").hasValue(1);
    assertThat(errorsOfA.written()).as("nothing before the feed is positioned").isEmpty();

    hub.feedReady();
    hub.publish("p_A", event("a1", "INFO", "api"));
    hub.publish("p_A", event("a2", "ERROR", "api"));
    hub.publish("p_B", event("b1", "ERROR", "api"));
    hub.publish("p_C", event("c1", "ERROR", "api"));

    assertThat(errorsOfA.written().get(0)).isEqualTo(READY);
    assertThat(ids(errorsOfA)).containsExactly("a2");
    assertThat(ids(allOfA)).containsExactly("a1", "a2");
    assertThat(ids(allOfB)).containsExactly("b1");
    assertThat(hub.wants("p_C")).isFalse();
    assertThat(hub.stats().delivered()).isEqualTo(4);
  }

  @Test
  void aSocketJoiningARunningFeedIsReadyAtOnce() throws Exception {
    TailHub hub = hub(10, 1_000_000);
    hub.subscribe("p_A", SearchFilters.NONE, FakeSocket.fast());
    hub.feedReady();
    FakeSocket late = FakeSocket.fast();
    hub.subscribe("p_A", SearchFilters.NONE, late);
    assertThat(late.written()).containsExactly(READY);
    assertThat(feedStarts).hasValue(1);
  }

  @Test
  void aStalledSocketIsDroppedWhenItsQueueIsFullWithoutDelayingTheOthers() throws Exception {
    int capacity = 5;
    TailHub hub = hub(capacity, 1_000_000);
    FakeSocket stalled = FakeSocket.stalled();
    FakeSocket reader = FakeSocket.fast();
    TailSubscriber slow = hub.subscribe("p_A", SearchFilters.NONE, stalled);
    hub.subscribe("p_A", SearchFilters.NONE, reader);
    hub.feedReady();

    // "ready" is being written and never completes; the queue fills with `capacity` events.
    for (int i = 0; i < capacity; i++) {
      hub.publish("p_A", event("e" + i, "INFO", "api"));
      assertThat(slow.queued()).isLessThanOrEqualTo(capacity);
    }
    assertThat(stalled.closeCode()).as("a full queue is not yet a drop").isZero();
    hub.publish("p_A", event("overflow", "INFO", "api"));

    assertThat(stalled.closeCode()).isEqualTo(TailClose.TOO_SLOW);
    assertThat(stalled.sentAtClose())
        .isEqualTo(
            "{\"type\":\"dropped\",\"detail\":\"client too slow: more than 5 events queued\"}");
    assertThat(slow.queued()).as("the dropped socket's queue is released").isZero();
    assertThat(hub.stats().dropped()).isEqualTo(1);
    assertThat(hub.stats().open()).isEqualTo(1);

    hub.publish("p_A", event("after", "INFO", "api"));
    assertThat(ids(reader))
        .as("the reading socket got everything, in order")
        .containsExactly("e0", "e1", "e2", "e3", "e4", "overflow", "after");
    stalled.completeWrites();
    assertThat(ids(stalled)).as("nothing was sent after the drop").isEmpty();
  }

  @Test
  void aSocketThatReadsAgainGetsItsQueuedEventsInOrder() throws Exception {
    TailHub hub = hub(3, 1_000_000);
    FakeSocket socket = FakeSocket.stalled();
    TailSubscriber subscriber = hub.subscribe("p_A", SearchFilters.NONE, socket);
    hub.feedReady();
    hub.publish("p_A", event("e1", "INFO", "api"));
    hub.publish("p_A", event("e2", "INFO", "api"));
    assertThat(socket.writesPending()).as("one frame at a time").isEqualTo(1);
    assertThat(subscriber.queued()).isEqualTo(2);

    socket.completeWrites();
    assertThat(socket.written().get(0)).isEqualTo(READY);
    assertThat(subscriber.queued()).isZero();
    assertThat(ids(socket)).containsExactly("e1", "e2");
    assertThat(socket.closeCode()).isZero();
  }

  @Test
  void limitsPerProjectAndPerServerRefuseNewSockets() throws Exception {
    TailHub hub = new TailHub(feed, new TailLimits(10, 1_000_000, 2, 3));
    TailSubscriber first = hub.subscribe("p_A", SearchFilters.NONE, FakeSocket.fast());
    hub.subscribe("p_A", SearchFilters.NONE, FakeSocket.fast());
    assertThatThrownBy(() -> hub.subscribe("p_A", SearchFilters.NONE, FakeSocket.fast()))
        .isInstanceOf(TailRefusedException.class)
        .hasMessageContaining("project already has 2 live tails");
    hub.subscribe("p_B", SearchFilters.NONE, FakeSocket.fast());
    assertThatThrownBy(() -> hub.subscribe("p_C", SearchFilters.NONE, FakeSocket.fast()))
        .isInstanceOf(TailRefusedException.class)
        .hasMessageContaining("already serves 3 live tails");

    hub.unsubscribe(first);
    hub.unsubscribe(first);
    assertThat(hub.stats().open()).as("unsubscribe twice counts once").isEqualTo(2);
    hub.subscribe("p_C", SearchFilters.NONE, FakeSocket.fast());
    assertThat(hub.stats().refused()).isEqualTo(2);
  }

  @Test
  void aFailedFeedClosesEveryTailAndTheNextSubscriberStartsItAgain() throws Exception {
    TailHub hub = hub(10, 1_000_000);
    FakeSocket running = FakeSocket.fast();
    hub.subscribe("p_A", SearchFilters.NONE, running);
    hub.feedReady();
    FakeSocket waiting = FakeSocket.fast();
    hub.subscribe("p_B", SearchFilters.NONE, waiting);

    hub.feedFailed("Kafka is down");

    for (FakeSocket socket : List.of(running, waiting)) {
      assertThat(socket.closeCode()).isEqualTo(TailClose.UNAVAILABLE);
      assertThat(socket.written())
          .last()
          .isEqualTo(
              "{\"type\":\"error\",\"error\":\"backend_unavailable\",\"detail\":\"Kafka is down\"}");
    }
    assertThat(hub.stats().open()).isZero();
    hub.subscribe("p_A", SearchFilters.NONE, FakeSocket.fast());
    assertThat(feedStarts).hasValue(2);
  }

  @Test
  void anUnavailableFeedAnswersAtOnce() throws Exception {
    TailHub hub = TailHub.unavailable();
    FakeSocket socket = FakeSocket.fast();
    hub.subscribe("p_A", SearchFilters.NONE, socket);
    assertThat(socket.closeCode()).isEqualTo(TailClose.UNAVAILABLE);
    assertThat(socket.written().get(0)).contains("backend_unavailable");
  }

  @Test
  void anIdleFeedStopsOnlyWithoutTailsAndTheNextSubscriberRestartsIt() throws Exception {
    TailHub hub = hub(10, 1_000_000);
    TailSubscriber subscriber = hub.subscribe("p_A", SearchFilters.NONE, FakeSocket.fast());
    hub.feedReady();
    assertThat(hub.stopIfIdle()).isFalse();

    hub.unsubscribe(subscriber);
    assertThat(hub.idle()).isTrue();
    assertThat(hub.stopIfIdle()).isTrue();

    FakeSocket next = FakeSocket.fast();
    hub.subscribe("p_A", SearchFilters.NONE, next);
    assertThat(feedStarts).hasValue(2);
    assertThat(next.written()).as("ready waits for the new feed").isEmpty();
    hub.feedReady();
    assertThat(next.written()).containsExactly(READY);
  }

  @Test
  void aQueueIsAlsoBoundedInCharacters() throws Exception {
    TailHub hub = hub(1000, 2500);
    FakeSocket stalled = FakeSocket.stalled();
    TailSubscriber subscriber = hub.subscribe("p_A", SearchFilters.NONE, stalled);
    hub.feedReady();
    LogEvent big =
        new LogEvent(
            "big",
            Instant.parse("2024-05-01T10:00:00Z"),
            "INFO",
            "api",
            "s",
            "x".repeat(900),
            Map.of());
    hub.publish("p_A", big);
    hub.publish("p_A", big);
    // Each event is about 1,030 characters of JSON: two fit, a third does not.
    assertThat(subscriber.queuedChars()).isBetween(2000L, 2500L);
    assertThat(stalled.closeCode()).isZero();

    hub.publish("p_A", big);
    assertThat(stalled.closeCode()).isEqualTo(TailClose.TOO_SLOW);
    assertThat(stalled.sentAtClose()).contains("more than 2500 characters of events queued");
    assertThat(subscriber.queuedChars()).isZero();
  }
}
