package io.devlogs.query.tail;

import java.util.function.Consumer;

/**
 * The server side of one live-tail WebSocket as the hub sees it: non-blocking text sends and
 * closing. In production {@link JettyTailSocket}; in unit tests a fake that completes sends when
 * the test says so.
 */
public interface TailSocket {
  /**
   * Sends a text frame without blocking; {@code done} is called with {@code null} once the frame is
   * written, or with the failure. It may be called before {@code send} returns.
   */
  void send(String text, Consumer<Throwable> done);

  /** Starts the closing handshake after the frames already sent. */
  void close(int code, String reason);

  /** Sends a last message (an error, a drop notice) and closes with {@code code}. */
  default void closeWith(String lastMessage, int code, String reason) {
    send(lastMessage, failure -> {});
    close(code, reason);
  }
}
