package io.devlogs.query.tail;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WriteCallback;

/** A {@link TailSocket} over a Jetty WebSocket session, with asynchronous writes. */
public final class JettyTailSocket implements TailSocket {
  /** A peer that does not read never completes the closing handshake; cut it off after this. */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

  private final Session session;
  private final ScheduledExecutorService timer;

  public JettyTailSocket(Session session, ScheduledExecutorService timer) {
    this.session = Objects.requireNonNull(session, "session");
    this.timer = Objects.requireNonNull(timer, "timer");
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    try {
      session
          .getRemote()
          .sendString(
              text,
              new WriteCallback() {
                @Override
                public void writeFailed(Throwable failure) {
                  done.accept(failure);
                }

                @Override
                public void writeSuccess() {
                  done.accept(null);
                }
              });
    } catch (RuntimeException e) {
      done.accept(e);
    }
  }

  @Override
  public void close(int code, String reason) {
    session.close(code, reason);
    timer.schedule(
        () -> {
          if (session.isOpen()) {
            session.disconnect();
          }
        },
        CLOSE_GRACE.toMillis(),
        TimeUnit.MILLISECONDS);
  }
}
