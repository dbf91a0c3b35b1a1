package io.devlogs.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts realistic logs ({@link SyntheticLogs}) to the ingest service at a steady rate, as NDJSON
 * batches. Logs progress every few seconds; retries transient failures forever; stops after {@code
 * --duration} if given (or when {@link #stop} is called, for callers that run it in-process, such
 * as the system tests), and exits with status 2 if the key is rejected.
 *
 * <p>Pacing: events become due at {@code rate} per second; a batch is posted once {@code
 * batch-size} events are due or half a second passed. If sending falls far behind (a long outage),
 * the backlog is capped at a few batches instead of bursting afterwards, and the progress line
 * shows the shortfall in the actual rate.
 */
public final class LogGenerator {

  private static final Logger LOG = LoggerFactory.getLogger(LogGenerator.class);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
  private static final Duration MAX_BATCH_WAIT = Duration.ofMillis(500);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GeneratorOptions options;
  private final BatchSender sender;
  private volatile boolean stopRequested;

  /** What a run did, in events: posted (retries included), accepted with a 2xx, lost to 4xx. */
  public record Totals(long sent, long accepted, long errors, long dropped) {}

  public LogGenerator(GeneratorOptions options) {
    this.options = options;
    this.sender =
        new BatchSender(
            IngestClient.http(options.ingestUrl(), options.ingestKey()),
            d -> Thread.sleep(d.toMillis()));
  }

  public static void main(String[] args) {
    GeneratorOptions options;
    try {
      options = GeneratorOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(GeneratorOptions.USAGE);
      System.exit(2);
      return;
    }
    try {
      new LogGenerator(options).run();
    } catch (BatchSender.RejectedKeyException e) {
      LOG.error("{}; check --ingest-key", e.getMessage());
      System.exit(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Asks {@link #run} to return once the batch in flight was accepted; callable from any thread.
   */
  public void stop() {
    stopRequested = true;
  }

  /** Events the ingest service accepted so far. */
  public long accepted() {
    return sender.accepted.get();
  }

  /** Sends until {@code --duration} has passed or {@link #stop} was called. */
  public Totals run() throws InterruptedException {
    LOG.info(
        "Sending {} events/s to {} in batches of up to {} (seed {}){}",
        options.rate(),
        options.ingestUrl(),
        options.batchSize(),
        options.seed(),
        options.duration().map(d -> " for " + d).orElse(""));
    SyntheticLogs logs = new SyntheticLogs(options.seed(), Clock.systemUTC());

    long start = System.nanoTime();
    long end = options.duration().map(d -> start + d.toNanos()).orElse(Long.MAX_VALUE);
    long maxBacklog = 5L * options.batchSize();
    long generated = 0;
    long lastSend = start;
    long lastProgress = start;
    long acceptedAtLastProgress = 0;

    while (!stopRequested && System.nanoTime() < end) {
      long now = System.nanoTime();
      long due = (long) ((now - start) / 1e9 * options.rate());
      if (due - generated > maxBacklog) {
        generated = due - maxBacklog;
      }
      long backlog = due - generated;
      if (backlog >= options.batchSize()
          || (backlog > 0 && now - lastSend >= MAX_BATCH_WAIT.toNanos())) {
        int count = (int) Math.min(backlog, options.batchSize());
        sender.send(ndjson(logs.next(count)), count);
        generated += count;
        lastSend = now;
      } else {
        long nextDueNanos = start + (long) ((generated + 1) / options.rate() * 1e9);
        long waitNanos =
            Math.min(
                Math.max(nextDueNanos, lastSend + MAX_BATCH_WAIT.toNanos()) - now, 100_000_000L);
        if (waitNanos > 0) {
          Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
      }
      if (now - lastProgress >= PROGRESS_EVERY.toNanos()) {
        long accepted = sender.accepted.get();
        double seconds = (now - lastProgress) / 1e9;
        LOG.info(
            "sent={} accepted={} errors={} dropped={} rate={} events/s (target {})",
            sender.sent.get(),
            accepted,
            sender.errors.get(),
            sender.dropped.get(),
            String.format("%.1f", (accepted - acceptedAtLastProgress) / seconds),
            options.rate());
        lastProgress = now;
        acceptedAtLastProgress = accepted;
      }
    }
    Totals totals =
        new Totals(
            sender.sent.get(), sender.accepted.get(), sender.errors.get(), sender.dropped.get());
    LOG.info(
        "Done: sent={} accepted={} errors={} dropped={}",
        totals.sent(),
        totals.accepted(),
        totals.errors(),
        totals.dropped());
    return totals;
  }

  static byte[] ndjson(List<ObjectNode> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 400);
    try {
      for (ObjectNode event : events) {
        out.write(JSON.writeValueAsBytes(event));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
