package io.devlogs.bench;

import io.devlogs.settings.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for {@code bin/devlogs bench ingest}: {@code clients} concurrent HTTP clients post NDJSON
 * batches ({@link NdjsonBodies}) to {@code POST /v1/logs} until {@code events} events of each
 * encoding are acknowledged, and the tool prints the acknowledged events/s. Each encoding first
 * gets {@value #WARM_UP_REQUESTS} uncounted requests (JIT, connections). A gzip body answered with
 * 415 or 400 means this ingest build does not read gzip: the encoding is reported {@code
 * unsupported}, not failed.
 *
 * <p>Options ({@code --key=value}): {@code url} (ingest base URL), {@code key} (ingest key), {@code
 * events} (per encoding, a multiple of {@code batch}), {@code clients} (default 4), {@code batch}
 * (default 1000), {@code event-bytes} (default 300), {@code encodings} (default {@code
 * plain,gzip}), {@code payload-file} (where to write the events, one per line, for Kafka's producer
 * perf tool).
 *
 * <p>Output, one tab-separated line per encoding: {@code RESULT encoding status events seconds
 * events_per_s body_mb_per_s mean_event_bytes detail}, then {@code ACCEPTED total} (every event
 * acknowledged, warm-up included, to compare with the topic).
 */
public final class IngestLoad {

  static final int WARM_UP_REQUESTS = 20;
  private static final int BODIES = 16;

  private IngestLoad() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromEnvironment(args);
    URI uri = URI.create(BenchTopicLoader.required(settings, "url") + "/v1/logs");
    String key = BenchTopicLoader.required(settings, "key");
    int batch = settings.getInt("batch", 1000);
    int events = settings.getInt("events", 200_000);
    int clients = settings.getInt("clients", 4);
    if (batch < 1 || clients < 1 || events < batch || events % batch != 0) {
      throw new IllegalArgumentException(
          "--events must be a positive multiple of --batch, and --clients positive");
    }
    NdjsonBodies bodies = NdjsonBodies.build(BODIES, batch, settings.getInt("event-bytes", 300), 1);
    System.err.println("bodies: " + bodies);
    String payloadFile = settings.get("payload-file", null);
    if (payloadFile != null) {
      bodies.writeEvents(Path.of(payloadFile));
    }
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    long accepted = 0;
    for (String encoding : settings.get("encodings", "plain,gzip").split(",")) {
      boolean gzip =
          switch (encoding) {
            case "plain" -> false;
            case "gzip" -> true;
            default -> throw new IllegalArgumentException("unknown encoding '" + encoding + "'");
          };
      Run run = new Run(http, uri, key, gzip ? bodies.gzip() : bodies.plain(), gzip, batch);
      String unsupported = run.warmUp(clients);
      accepted += run.accepted.get();
      if (unsupported != null) {
        System.out.printf(
            "RESULT\t%s\tunsupported\t0\t0\t0\t0\t%.0f\t%s%n",
            encoding, bodies.meanEventBytes(), unsupported.replaceAll("\\s+", " "));
        continue;
      }
      long before = run.accepted.get();
      double seconds = run.measure(clients, events / batch);
      long measured = run.accepted.get() - before;
      accepted += measured;
      double bodyMb = bodies.plainBytes() / (double) BODIES * (events / batch) / 1e6;
      System.out.printf(
          "RESULT\t%s\tok\t%d\t%.2f\t%.0f\t%.1f\t%.0f\t-%n",
          encoding,
          measured,
          seconds,
          measured / seconds,
          bodyMb / seconds,
          bodies.meanEventBytes());
    }
    System.out.println("ACCEPTED\t" + accepted);
  }

  /** Requests of one encoding. */
  static final class Run {
    private final HttpClient http;
    private final URI uri;
    private final String key;
    private final List<byte[]> bodies;
    private final boolean gzip;
    private final int batch;
    final AtomicLong accepted = new AtomicLong();

    Run(HttpClient http, URI uri, String key, List<byte[]> bodies, boolean gzip, int batch) {
      this.http = http;
      this.uri = uri;
      this.key = key;
      this.bodies = bodies;
      this.gzip = gzip;
      this.batch = batch;
    }

    /** Uncounted requests; the server's answer if it does not read this encoding, else null. */
    String warmUp(int clients) throws Exception {
      HttpResponse<String> first = post(0);
      if (gzip && (first.statusCode() == 415 || first.statusCode() == 400)) {
        return first.statusCode() + " " + first.body();
      }
      check(first);
      measure(clients, WARM_UP_REQUESTS - 1);
      return null;
    }

    /** Sends {@code requests} requests from {@code clients} threads; the seconds it took. */
    double measure(int clients, int requests) throws Exception {
      AtomicInteger next = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      long start = System.nanoTime();
      try {
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          running.add(
              pool.submit(
                  () -> {
                    for (int i; (i = next.getAndIncrement()) < requests; ) {
                      check(post(i));
                    }
                    return null;
                  }));
        }
        for (Future<?> client : running) {
          client.get();
        }
      } finally {
        pool.shutdownNow();
      }
      return (System.nanoTime() - start) / 1e9;
    }

    private HttpResponse<String> post(int i) throws IOException, InterruptedException {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + key)
              .header("Content-Type", "application/x-ndjson")
              .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size())));
      if (gzip) {
        request.header("Content-Encoding", "gzip");
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void check(HttpResponse<String> response) {
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "ingest answered " + response.statusCode() + ": " + response.body());
      }
      accepted.addAndGet(batch);
    }
  }
}
