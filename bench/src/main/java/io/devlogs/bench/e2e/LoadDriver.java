package io.devlogs.bench.e2e;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.generator.SyntheticLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open-loop HTTP load on {@code POST /v1/logs} at a rate that can change: events become due at the
 * rate whatever the server does, so a slow server shows as accepted below offered instead of
 * slowing the load down. Due events go out in batches of at most {@code batchSize} realistic events
 * ({@link SyntheticLogs}), on one of the bench streams in turn, stamped with the time they were
 * built; at most {@code maxInFlight} requests wait for an answer, and due events that find no free
 * request are not sent (they count as rejected). Each answer is read once: no retries, which would
 * hide a server that cannot keep up.
 */
public final class LoadDriver implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LoadDriver.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
  private static final long TICK_MILLIS = 20;
  private static final long MAX_BATCH_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final URI endpoint;
  private final String ingestKey;
  private final List<String> streams;
  private final int batchSize;
  private final AcceptedLedger ledger;
  private final HttpClient http;
  private final ExecutorService senders;
  private final Semaphore requests;
  private final Thread pacer;
  private final ThreadLocal<SyntheticLogs> logs;
  private final AtomicInteger nextStream = new AtomicInteger();
  private final AtomicLong offered = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private volatile Pace pace = new Pace(0, System.nanoTime(), 0);
  private volatile boolean closed;

  /** From {@code startNanos} on, events are due at {@code rate}/s on top of {@code dueBefore}. */
  private record Pace(double rate, long startNanos, long dueBefore) {
    long due(long nowNanos) {
      return dueBefore + (long) ((nowNanos - startNanos) / 1e9 * rate);
    }
  }

  public LoadDriver(
      URI ingestUrl,
      String ingestKey,
      List<String> streams,
      int batchSize,
      int maxInFlight,
      AcceptedLedger ledger,
      long seed) {
    if (streams.isEmpty() || batchSize < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("need streams, batchSize >= 1 and maxInFlight >= 1");
    }
    this.endpoint = URI.create(ingestUrl + "/v1/logs");
    this.ingestKey = ingestKey;
    this.streams = List.copyOf(streams);
    this.batchSize = batchSize;
    this.ledger = ledger;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.senders = Executors.newFixedThreadPool(maxInFlight);
    this.requests = new Semaphore(maxInFlight);
    AtomicLong seeds = new AtomicLong(seed);
    this.logs =
        ThreadLocal.withInitial(
            () -> new SyntheticLogs(seeds.getAndIncrement(), Clock.systemUTC()));
    this.pacer = new Thread(this::pace, "load-pacer");
    pacer.setDaemon(true);
    pacer.start();
  }

  /** Offers {@code eventsPerSecond} from now on (0 pauses). */
  public synchronized void setRate(double eventsPerSecond) {
    if (!(eventsPerSecond >= 0)) {
      throw new IllegalArgumentException("rate must not be negative: " + eventsPerSecond);
    }
    long now = System.nanoTime();
    pace = new Pace(eventsPerSecond, now, pace.due(now));
  }

  /** Events made due so far. */
  public long offered() {
    return offered.get();
  }

  /** Events ingest acknowledged with 200. */
  public long accepted() {
    return accepted.get();
  }

  /** Events not acknowledged: refused, unanswered in time, or not sent for want of a request. */
  public long rejected() {
    return rejected.get();
  }

  private void pace() {
    long made = 0;
    long lastBatch = System.nanoTime();
    while (!closed) {
      long now = System.nanoTime();
      long backlog = pace.due(now) - made;
      while (backlog >= batchSize || (backlog > 0 && now - lastBatch >= MAX_BATCH_WAIT_NANOS)) {
        int count = (int) Math.min(backlog, batchSize);
        made += count;
        backlog -= count;
        offered.addAndGet(count);
        lastBatch = now;
        if (requests.tryAcquire()) {
          senders.execute(() -> sendBatch(count));
        } else {
          rejected.addAndGet(count);
        }
      }
      try {
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sendBatch(int count) {
    try {
      String stream = streams.get(Math.floorMod(nextStream.getAndIncrement(), streams.size()));
      Instant ts = Instant.now();
      List<ObjectNode> events = logs.get().next(count);
      for (ObjectNode event : events) {
        event.put("stream", stream);
        event.put("ts", ts.toString());
      }
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .timeout(REQUEST_TIMEOUT)
              .header("Authorization", "Bearer " + ingestKey)
              .header("Content-Type", "application/x-ndjson")
              .POST(HttpRequest.BodyPublishers.ofByteArray(ndjson(events)))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        ledger.accepted(stream, ts.toEpochMilli(), count);
        accepted.addAndGet(count);
      } else {
        rejected.addAndGet(count);
        LOG.warn("ingest answered {}: {}", response.statusCode(), response.body());
      }
    } catch (InterruptedException e) {
      rejected.addAndGet(count);
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      rejected.addAndGet(count);
      LOG.warn("a batch of {} events failed: {}", count, e.toString());
    } finally {
      requests.release();
    }
  }

  private static byte[] ndjson(List<ObjectNode> events) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(events.size() * 400);
    for (ObjectNode event : events) {
      JSON.writeValue(body, event);
      body.write('\n');
    }
    return body.toByteArray();
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    pacer.interrupt();
    pacer.join();
    senders.shutdown();
    if (!senders.awaitTermination(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
      senders.shutdownNow();
    }
  }
}
