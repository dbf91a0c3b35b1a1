package io.devlogs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.generator.SyntheticLogs;
import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.kafka.KafkaEventSink;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.KafkaKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Preloads a topic with {@code events} realistic raw records ({@link SyntheticLogs}), written by
 * ingest's own {@link KafkaEventSink}, so key, value and headers are exactly what {@code POST
 * /v1/logs} produces: batches of {@value #BATCH} events as one request each, acknowledged by Kafka
 * ({@code acks=all}) before the tool exits. Prints progress, and writes the (stream, day)
 * partitions the events fill in Cassandra to {@code partitions-file}, one {@code stream<TAB>day}
 * per line, so the rows can be counted and deleted afterwards ({@link BenchStreamRows}).
 *
 * <p>Options ({@code --key=value}): {@code topic}, {@code project}, {@code events}, {@code
 * partitions-file}, {@code seed} (default 1), {@code kafka.bootstrap-servers}.
 */
public final class BenchTopicLoader {

  static final int BATCH = 500;
  private static final int BATCHES_IN_FLIGHT = 16;
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchTopicLoader() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromEnvironment(args);
    String topic = required(settings, "topic");
    String project = required(settings, "project");
    long events = settings.getInt("events", 0);
    if (events < 1) {
      throw new IllegalArgumentException("--events must be a positive number of events");
    }
    Path partitionsFile = Path.of(required(settings, "partitions-file"));
    SyntheticLogs logs = new SyntheticLogs(settings.getInt("seed", 1), Clock.systemUTC());
    Set<String> partitions = new LinkedHashSet<>();

    long start = System.nanoTime();
    long lastProgress = start;
    long bytes = 0;
    Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
    try (KafkaEventSink sink =
        KafkaEventSink.create(settings.get(KafkaKeys.BOOTSTRAP_SERVERS), topic)) {
      for (long sent = 0; sent < events; ) {
        int count = (int) Math.min(BATCH, events - sent);
        List<byte[]> values = new ArrayList<>(count);
        for (ObjectNode event : logs.next(count)) {
          byte[] value = JSON.writeValueAsBytes(event);
          values.add(value);
          bytes += value.length;
          partitions.add(event.get("stream").asText() + "\t" + utcDay(event.get("ts").asText()));
        }
        if (inFlight.size() >= BATCHES_IN_FLIGHT) {
          inFlight.removeFirst().join();
        }
        inFlight.addLast(
            sink.send(new EventBatch(project, System.currentTimeMillis(), null, null, values)));
        sent += count;
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_EVERY_NANOS || sent == events) {
          System.out.printf(
              "loaded %d/%d events (%.0f events/s)%n", sent, events, sent / ((now - start) / 1e9));
          lastProgress = now;
        }
      }
      inFlight.forEach(CompletableFuture::join);
    }
    write(partitionsFile, partitions);
    System.out.printf(
        "loaded %d events, %.1f MB of JSON, %d Cassandra partitions, in %.1f s%n",
        events, bytes / 1e6, partitions.size(), (System.nanoTime() - start) / 1e9);
  }

  /** The UTC day of an ISO-8601 instant, as Cassandra's {@code day} column holds it. */
  static LocalDate utcDay(String isoInstant) {
    return LocalDate.ofInstant(Instant.parse(isoInstant), ZoneOffset.UTC);
  }

  private static void write(Path file, Set<String> lines) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String required(Settings settings, String key) {
    String value = settings.get(key, null);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return value;
  }
}
