package io.devlogs.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one batch until the ingest service accepts it: transient failures (no answer, 429, 5xx) are
 * retried with exponential backoff, honouring Retry-After, for as long as it takes; the events
 * carry ids, so a re-sent batch does not duplicate events downstream.
 */
final class BatchSender {

  /** Thrown for answers retrying cannot fix: a bad or revoked key. */
  static final class RejectedKeyException extends RuntimeException {
    RejectedKeyException(String message) {
      super(message);
    }
  }

  /** Waits between attempts; replaced in tests. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IngestClient client;
  private final Sleeper sleeper;
  final AtomicLong sent = new AtomicLong();
  final AtomicLong accepted = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();

  BatchSender(IngestClient client, Sleeper sleeper) {
    this.client = client;
    this.sleeper = sleeper;
  }

  /**
   * Sends the batch of {@code events} events; returns when it was accepted or rejected for good.
   *
   * @throws RejectedKeyException on 401/403
   */
  void send(byte[] ndjson, int events) throws InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    while (true) {
      sent.addAndGet(events);
      IngestClient.Answer answer;
      try {
        answer = client.post(ndjson);
      } catch (IOException e) {
        errors.incrementAndGet();
        LOG.warn("ingest unreachable ({}), retrying in {} ms", e.toString(), backoff.toMillis());
        sleeper.sleep(backoff);
        backoff = next(backoff);
        continue;
      }
      int status = answer.status();
      if (status == 200) {
        accepted.addAndGet(acceptedCount(answer.body(), events));
        return;
      }
      errors.incrementAndGet();
      if (status == 401 || status == 403) {
        throw new RejectedKeyException(
            "ingest rejected the key (" + status + "): " + answer.body());
      }
      if (status == 429 || status >= 500) {
        Duration wait =
            answer.retryAfterSeconds() >= 0
                ? min(Duration.ofSeconds(answer.retryAfterSeconds()), MAX_RETRY_AFTER)
                : backoff;
        LOG.warn(
            "ingest answered {}, retrying in {} ms: {}", status, wait.toMillis(), answer.body());
        sleeper.sleep(wait);
        backoff = next(backoff);
        continue;
      }
      // 400/413/415: the batch itself is wrong; re-sending cannot help.
      dropped.addAndGet(events);
      LOG.error("ingest rejected a batch of {} events ({}): {}", events, status, answer.body());
      return;
    }
  }

  private static long acceptedCount(String body, int fallback) {
    try {
      JsonNode node = JSON.readTree(body);
      return node.path("accepted").asLong(fallback);
    } catch (IOException e) {
      return fallback;
    }
  }

  private static Duration next(Duration backoff) {
    return min(backoff.multipliedBy(2), MAX_BACKOFF);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
