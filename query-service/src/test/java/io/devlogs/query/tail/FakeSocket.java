package io.devlogs.query.tail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link TailSocket} whose writes complete at once ({@code fast}) or only when the test calls
 * {@link #completeWrites} (a client that stopped reading).
 */
final class FakeSocket implements TailSocket {
  private final boolean fast;
  private final List<String> written = new ArrayList<>();
  private final ArrayDeque<Consumer<Throwable>> inFlight = new ArrayDeque<>();
  private final ArrayDeque<String> inFlightTexts = new ArrayDeque<>();
  private int closeCode;
  private String sentAtClose;

  private FakeSocket(boolean fast) {
    this.fast = fast;
  }

  static FakeSocket fast() {
    return new FakeSocket(true);
  }

  static FakeSocket stalled() {
    return new FakeSocket(false);
  }

  @Override
  public synchronized void send(String text, Consumer<Throwable> done) {
    if (closeCode != 0) {
      done.accept(new IllegalStateException("closed"));
      return;
    }
    if (fast) {
      written.add(text);
      done.accept(null);
    } else {
      inFlightTexts.add(text);
      inFlight.add(done);
    }
  }

  @Override
  public synchronized void close(int code, String reason) {
    closeCode = code;
    sentAtClose = inFlightTexts.isEmpty() ? null : inFlightTexts.peekLast();
  }

  /** Completes the writes started so far, as a client reading again would. */
  void completeWrites() {
    while (true) {
      Consumer<Throwable> done;
      synchronized (this) {
        if (inFlight.isEmpty()) {
          return;
        }
        done = inFlight.poll();
        written.add(inFlightTexts.poll());
      }
      done.accept(null);
    }
  }

  synchronized List<String> written() {
    return List.copyOf(written);
  }

  /** Frames started but not written (at most one event plus a last message for a stalled peer). */
  synchronized int writesPending() {
    return inFlight.size();
  }

  synchronized int closeCode() {
    return closeCode;
  }

  /** The last frame sent before the close, for a stalled socket. */
  synchronized String sentAtClose() {
    return sentAtClose;
  }
}
