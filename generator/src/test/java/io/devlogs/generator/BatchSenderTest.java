package io.devlogs.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSenderTest {

  /** Answers from a script; an IOException entry means "no answer". */
  private final Deque<Object> script = new ArrayDeque<>();

  private final List<Duration> sleeps = new ArrayList<>();
  private int posts;
  private final BatchSender sender =
      new BatchSender(
          ndjson -> {
            posts++;
            Object next = script.removeFirst();
            if (next instanceof IOException e) {
              throw e;
            }
            return (IngestClient.Answer) next;
          },
          sleeps::add);

  private static IngestClient.Answer answer(int status, String body, long retryAfter) {
    return new IngestClient.Answer(status, body, retryAfter);
  }

  @Test
  void retriesTransientFailuresWithBackoffUntilAccepted() throws Exception {
    script.add(new ConnectException("refused"));
    script.add(answer(503, "{\"error\":\"kafka\"}", -1));
    script.add(answer(429, "{}", 3));
    script.add(new ConnectException("refused"));
    script.add(answer(200, "{\"accepted\":10}", -1));

    sender.send(new byte[0], 10);

    assertThat(posts).isEqualTo(5);
    assertThat(sleeps)
        .containsExactly(
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(3),
            Duration.ofSeconds(2));
    assertThat(sender.accepted).hasValue(10);
    assertThat(sender.errors).hasValue(4);
    assertThat(sender.sent).hasValue(50);
  }

  @Test
  void backoffIsCapped() throws Exception {
    for (int i = 0; i < 10; i++) {
      script.add(answer(502, "", -1));
    }
    script.add(answer(200, "{\"accepted\":1}", -1));
    sender.send(new byte[0], 1);
    assertThat(sleeps.get(sleeps.size() - 1)).isEqualTo(BatchSender.MAX_BACKOFF);
  }

  @Test
  void badBatchIsDroppedNotRetried() throws Exception {
    script.add(answer(400, "{\"error\":\"invalid event at line 2\"}", -1));
    sender.send(new byte[0], 5);
    assertThat(posts).isEqualTo(1);
    assertThat(sender.dropped).hasValue(5);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void rejectedKeyStopsTheGenerator() {
    script.add(answer(401, "{\"error\":\"unknown API key\"}", -1));
    assertThatThrownBy(() -> sender.send(new byte[0], 5))
        .isInstanceOf(BatchSender.RejectedKeyException.class)
        .hasMessageContaining("401");
  }
}
