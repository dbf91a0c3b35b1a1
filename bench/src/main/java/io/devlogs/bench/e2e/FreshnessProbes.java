package io.devlogs.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Freshness: once a second one probe event whose message carries this run's token and the probe's
 * number is posted to ingest; every {@value #POLL_MILLIS} ms the query service is asked for the
 * token ({@code GET /v1/logs?q=<token>}) and each probe gets the time a search first returned it. A
 * probe's latency is that time minus its send time, so it includes the query itself, as a user
 * would see it; the searches bypass the result cache ({@code Cache-Control: no-cache}), whose live
 * answers may be a few seconds older. A live-tail WebSocket client ({@code /v1/tail?q=<token>})
 * open for the whole run gives each probe the time the tail first delivered it ({@link
 * Probe#tailLatencyMillis()}).
 */
public final class FreshnessProbes implements AutoCloseable {

  public static final String STREAM = "e2e-probe";

  /** Fine enough against a freshness goal of 2 s; a search for one token costs little. */
  static final long POLL_MILLIS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(FreshnessProbes.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private record Sent(String phase, long sentMillis) {}

  private final URI ingest;
  private final String ingestKey;
  private final URI query;
  private final String queryKey;
  private final String token;
  private final Pattern probeNumber;
  private final AcceptedLedger ledger;
  private final Supplier<String> phase;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ScheduledExecutorService sendTimer = Executors.newSingleThreadScheduledExecutor();
  private final ScheduledExecutorService pollTimer = Executors.newSingleThreadScheduledExecutor();
  private final Map<Long, Sent> sent = new ConcurrentHashMap<>();
  private final Map<Long, Long> seen = new ConcurrentHashMap<>();
  private final Map<Long, Long> tailSeen = new ConcurrentHashMap<>();
  private volatile WebSocket tail;
  private final AtomicLong nextSeq = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();

  /**
   * @param token unique to the run, letters and digits only (so the search term is exact)
   * @param phase the current phase, read when a probe is sent
   */
  public FreshnessProbes(
      URI ingestUrl,
      String ingestKey,
      URI queryUrl,
      String queryKey,
      String token,
      AcceptedLedger ledger,
      Supplier<String> phase) {
    if (!token.matches("[A-Za-z0-9]{8,}")) {
      throw new IllegalArgumentException("probe token must be 8+ letters or digits: " + token);
    }
    this.ingest = URI.create(ingestUrl + "/v1/logs");
    this.ingestKey = ingestKey;
    this.query = URI.create(queryUrl + "/v1/logs");
    this.queryKey = queryKey;
    this.token = token;
    this.probeNumber = Pattern.compile(Pattern.quote(token) + "-(\\d+)");
    this.ledger = ledger;
    this.phase = phase;
  }

  public void start() {
    sendTimer.scheduleAtFixedRate(this::sendProbe, 0, 1, TimeUnit.SECONDS);
    pollTimer.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    pollTimer.scheduleWithFixedDelay(this::keepTailOpen, 0, 5, TimeUnit.SECONDS);
  }

  /** Stops sending probes; searches go on until {@link #close}. */
  public void stopSending() {
    sendTimer.shutdownNow();
  }

  /** Probes ingest acknowledged. */
  public long accepted() {
    return accepted.get();
  }

  /** Probes still waiting to be seen. */
  public int unseen() {
    return sent.size() - seen.size();
  }

  /** Every probe sent and acknowledged, with when it was seen (or -1). */
  public List<Probe> probes() {
    List<Probe> probes = new ArrayList<>();
    sent.forEach(
        (seq, s) ->
            probes.add(
                new Probe(
                    seq,
                    s.phase(),
                    s.sentMillis(),
                    seen.getOrDefault(seq, -1L),
                    tailSeen.getOrDefault(seq, -1L))));
    probes.sort((a, b) -> Long.compare(a.seq(), b.seq()));
    return probes;
  }

  private void sendProbe() {
    long seq = nextSeq.getAndIncrement();
    String currentPhase = phase.get();
    Instant ts = Instant.now();
    ObjectNode event = JSON.createObjectNode();
    event.put("id", UUID.randomUUID().toString());
    event.put("ts", ts.toString());
    event.put("level", "INFO");
    event.put("service", "bench-e2e");
    event.put("stream", STREAM);
    event.put("msg", "freshness probe " + token + "-" + seq);
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(ingest)
                  .timeout(TIMEOUT)
                  .header("Authorization", "Bearer " + ingestKey)
                  .header("Content-Type", "application/x-ndjson")
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(event) + "\n"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        ledger.accepted(STREAM, ts.toEpochMilli(), 1);
        accepted.incrementAndGet();
        sent.put(seq, new Sent(currentPhase, ts.toEpochMilli()));
      } else {
        LOG.warn("probe {}: ingest answered {}: {}", seq, response.statusCode(), response.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("probe {} was not sent: {}", seq, e.toString());
    }
  }

  private void poll() {
    long oldestUnseen =
        sent.entrySet().stream()
            .filter(e -> !seen.containsKey(e.getKey()))
            .mapToLong(e -> e.getValue().sentMillis())
            .min()
            .orElse(-1);
    if (oldestUnseen < 0) {
      return;
    }
    String from = Instant.ofEpochMilli(oldestUnseen - 1000).toString();
    URI uri =
        URI.create(
            query
                + "?limit=1000&q="
                + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&from="
                + URLEncoder.encode(from, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(TIMEOUT)
                  .header("Authorization", "Bearer " + queryKey)
                  // When the pipeline made the event searchable, not how long a cached answer of
                  // the same search lives (query.cache.live-ttl-seconds).
                  .header("Cache-Control", "no-cache")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      long now = System.currentTimeMillis();
      if (response.statusCode() != 200) {
        LOG.warn("search answered {}: {}", response.statusCode(), response.body());
        return;
      }
      for (JsonNode event : JSON.readTree(response.body()).path("events")) {
        Matcher m = probeNumber.matcher(event.path("message").asText());
        if (m.find()) {
          seen.putIfAbsent(Long.parseLong(m.group(1)), now);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("search failed: {}", e.toString());
    }
  }

  /** Opens the live-tail client, or opens it again if it closed (its probes count as unseen). */
  private void keepTailOpen() {
    WebSocket current = tail;
    if (current != null && !current.isInputClosed()) {
      return;
    }
    URI uri =
        URI.create(
            query.toString().replaceFirst("^http", "ws").replace("/v1/logs", "/v1/tail")
                + "?q="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
    try {
      tail =
          http.newWebSocketBuilder()
              .header("Authorization", "Bearer " + queryKey)
              .buildAsync(uri, new TailListener())
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("live tail {} could not be opened: {}", uri, e.toString());
    }
  }

  /** Records when each probe's event message arrives. */
  private final class TailListener implements WebSocket.Listener {
    private final StringBuilder frame = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      long now = System.currentTimeMillis();
      frame.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(frame.toString());
          if ("event".equals(message.path("type").asText())) {
            Matcher m = probeNumber.matcher(message.path("event").path("message").asText());
            if (m.find()) {
              tailSeen.putIfAbsent(Long.parseLong(m.group(1)), now);
            }
          }
        } catch (Exception e) {
          LOG.warn("live tail message not understood: {}", e.toString());
        }
        frame.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      LOG.warn("live tail closed: {} {}", status, reason);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      LOG.warn("live tail failed: {}", error.toString());
    }
  }

  @Override
  public void close() throws InterruptedException {
    sendTimer.shutdownNow();
    pollTimer.shutdownNow();
    WebSocket current = tail;
    if (current != null) {
      current.abort();
    }
    sendTimer.awaitTermination(15, TimeUnit.SECONDS);
    pollTimer.awaitTermination(15, TimeUnit.SECONDS);
  }
}
