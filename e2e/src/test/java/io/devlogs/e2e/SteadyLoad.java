package io.devlogs.e2e;

import io.devlogs.bench.StreamRows;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts events with unique ids ({@code <project>-<n>}) to ingest at a steady rate, in batches of a
 * tenth of a second, and retries each batch with the same ids until ingest acknowledges it (a 503
 * while Kafka or PostgreSQL is away, a lost answer). What was acknowledged is what every store must
 * hold exactly once: the ids, the events per minute of event time, and the Cassandra partitions
 * they fall in.
 */
final class SteadyLoad implements AutoCloseable {
  private static final Duration BATCH_PERIOD = Duration.ofMillis(100);
  private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

  private final DevlogsHttp http;
  private final String ingestKey;
  private final String project;
  private final int eventsPerBatch;
  private final int streams;
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final List<String> acknowledgedBatches = new CopyOnWriteArrayList<>();
  private final Set<String> acknowledgedIds = ConcurrentHashMap.newKeySet();
  private final Map<Instant, Long> perMinute = new ConcurrentHashMap<>();
  private final Set<StreamRows.Partition> partitions = ConcurrentHashMap.newKeySet();
  private final AtomicLong retries = new AtomicLong();
  private volatile boolean stopping;
  private Future<?> running;
  private long next;

  SteadyLoad(DevlogsHttp http, String ingestKey, String project, int eventsPerSecond, int streams) {
    this.http = http;
    this.ingestKey = ingestKey;
    this.project = project;
    this.eventsPerBatch = Math.max(1, eventsPerSecond / 10);
    this.streams = streams;
  }

  void start() {
    running = thread.submit(this::run);
  }

  /** Stops after the batch in flight is acknowledged. */
  void stop() throws Exception {
    stopping = true;
    running.get(120, TimeUnit.SECONDS);
  }

  long acknowledged() {
    return acknowledgedIds.size();
  }

  Set<String> acknowledgedIds() {
    return Set.copyOf(acknowledgedIds);
  }

  /** Acknowledged events per minute of their event time. */
  SortedMap<Instant, Long> acknowledgedPerMinute() {
    return new TreeMap<>(perMinute);
  }

  Set<StreamRows.Partition> partitions() {
    return Set.copyOf(partitions);
  }

  /** Batches ingest did not acknowledge at the first attempt. */
  long retries() {
    return retries.get();
  }

  /**
   * Posts the first {@code batches} acknowledged batches again, unchanged (as a client retrying a
   * request whose answer it lost), and returns how many events that was. The job's de-duplication
   * must drop every one of them.
   */
  long resendFirst(int batches) {
    long events = 0;
    for (String batch :
        acknowledgedBatches.subList(0, Math.min(batches, acknowledgedBatches.size()))) {
      postUntilAcknowledged(batch);
      events += eventsPerBatch;
    }
    return events;
  }

  private void run() {
    long nextDue = System.nanoTime();
    while (!stopping) {
      Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      StringBuilder batch = new StringBuilder();
      List<String> ids = new ArrayList<>(eventsPerBatch);
      for (int i = 0; i < eventsPerBatch; i++, next++) {
        String id = project + "-" + next;
        String stream = "ha-" + (next % streams);
        ids.add(id);
        batch
            .append("{\"id\":\"")
            .append(id)
            .append("\",\"ts\":\"")
            .append(ts)
            .append("\",\"level\":\"")
            .append(next % 20 == 0 ? "error" : "info")
            .append("\",\"service\":\"failover-drill\",\"stream\":\"")
            .append(stream)
            .append("\",\"msg\":\"drill event ")
            .append(next)
            .append("\"}\n");
        partitions.add(new StreamRows.Partition(stream, LocalDate.ofInstant(ts, ZoneOffset.UTC)));
      }
      String body = batch.toString();
      postUntilAcknowledged(body);
      acknowledgedBatches.add(body);
      acknowledgedIds.addAll(ids);
      perMinute.merge(ts.truncatedTo(ChronoUnit.MINUTES), (long) ids.size(), Long::sum);
      nextDue += BATCH_PERIOD.toNanos();
      pauseUntil(nextDue);
    }
  }

  private void postUntilAcknowledged(String body) {
    for (int attempt = 0; ; attempt++) {
      if (attempt > 0) {
        retries.incrementAndGet();
        pauseUntil(System.nanoTime() + RETRY_PAUSE.toNanos());
      }
      try {
        DevlogsHttp.Reply reply = http.postNdjson(ingestKey, body);
        if (reply.status() == 200) {
          return;
        }
        if (reply.status() < 500 && reply.status() != 429) {
          throw new IllegalStateException("ingest refused a drill batch: " + reply);
        }
      } catch (UncheckedIOException e) {
        // no answer: retry with the same ids, as a client does
      }
    }
  }

  /** The load's own pacing (not synchronisation with the system under test). */
  private static void pauseUntil(long nanoTime) {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() {
    stopping = true;
    thread.shutdownNow();
  }
}
