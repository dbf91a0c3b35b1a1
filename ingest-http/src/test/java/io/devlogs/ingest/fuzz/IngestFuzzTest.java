package io.devlogs.ingest.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.devlogs.http.ErrorCode;
import io.devlogs.ingest.IngestOptions;
import io.devlogs.ingest.IngestServer;
import io.devlogs.ingest.TestDeps;
import io.devlogs.ingest.fuzz.FuzzRequests.FuzzRequest;
import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.kafka.EventSink;
import io.devlogs.ingest.limits.IngestLimits;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.javalin.Javalin;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing of every ingest route through the real app (in process, a counting sink
 * instead of Kafka): random Unicode and bytes, JSON shapes that broke ingest before (deep, wide,
 * long names, huge numbers, duplicate keys, surrogates), sizes, content types and encodings (gzip,
 * deflate, broken). For every request: never a 5xx; every error is the JSON error body with a known
 * code; accepted + rejected = the events sent when the route can split the body; and exactly the
 * accepted events reach the sink. The counts are printed at the end.
 */
class IngestFuzzTest {

  private static final String KEY = "dl_ingest_fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CODES =
      Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());

  /** Small enough that sizes and counts past the limits come up (413). */
  private static final IngestLimits LIMITS = new IngestLimits(1_000_000, 100_000, 2_000_000, 35);

  private static final CountingSink SINK = new CountingSink();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final AtomicLong TRIED = new AtomicLong();
  private static final AtomicLong EVENTS_SENT = new AtomicLong();
  private static final AtomicLong ACCEPTED = new AtomicLong();
  private static final AtomicLong REJECTED = new AtomicLong();
  private static final Map<String, AtomicInteger> STATUSES = new TreeMap<>();
  private static Javalin app;

  /** Counts the events handed to it, per request. */
  static final class CountingSink implements EventSink {
    final AtomicInteger events = new AtomicInteger();

    @Override
    public CompletableFuture<Void> send(EventBatch batch) {
      events.addAndGet(batch.events().size());
      return CompletableFuture.completedFuture(null);
    }
  }

  enum Encoding {
    NONE,
    GZIP,
    DEFLATE,
    TRUNCATED_GZIP,
    LYING_GZIP
  }

  @BeforeContainer
  static void start() {
    app =
        IngestServer.createApp(
            IngestOptions.defaults().withLimits(LIMITS).withSendTimeout(Duration.ofSeconds(2)),
            TestDeps.of(
                key ->
                    Optional.ofNullable(
                        Map.of(KEY, new ProjectKey("p_fuzz", Scope.INGEST)).get(key)),
                SINK));
    app.start("127.0.0.1", 0);
  }

  @AfterContainer
  static void stop() {
    app.stop();
    System.out.printf(
        "IngestFuzzTest: %d requests, %d events sent in splittable bodies, %d accepted, %d"
            + " rejected; statuses %s%n",
        TRIED.get(), EVENTS_SENT.get(), ACCEPTED.get(), REJECTED.get(), STATUSES);
  }

  @Property(tries = 200)
  void ndjson(@ForAll("ndjsonRequests") FuzzRequest request, @ForAll("encodings") Encoding enc)
      throws Exception {
    exchange(request, enc);
  }

  @Property(tries = 150)
  void jsonArraysAndObjects(
      @ForAll("jsonRequests") FuzzRequest request, @ForAll("encodings") Encoding enc)
      throws Exception {
    exchange(request, enc);
  }

  @Property(tries = 100)
  void text(@ForAll("textRequests") FuzzRequest request, @ForAll("encodings") Encoding enc)
      throws Exception {
    exchange(request, enc);
  }

  @Property(tries = 100)
  void otlp(@ForAll("otlpRequests") FuzzRequest request, @ForAll("encodings") Encoding enc)
      throws Exception {
    exchange(request, enc);
  }

  @Property(tries = 150)
  void loki(@ForAll("lokiRequests") FuzzRequest request, @ForAll("encodings") Encoding enc)
      throws Exception {
    exchange(request, enc);
  }

  @Property(tries = 100)
  void garbage(@ForAll("garbageRequests") FuzzRequest request, @ForAll("encodings") Encoding enc)
      throws Exception {
    exchange(request, enc);
  }

  /** Inputs that answered 500 and dropped the whole request before the fix. */
  @Example
  void regressionNdjsonLinesPastTheParserLimits() throws Exception {
    String lines =
        "{\"msg\":\"ok\"}\n"
            + "{\"d\":"
            + "[".repeat(1001)
            + "]".repeat(1001)
            + "}\n"
            + "{\""
            + "n".repeat(50_001)
            + "\":1}\n"
            + "{\"ts\":"
            + "9".repeat(1001)
            + "}\n"
            + "{\"msg\":\"x \\ud800 y\"}\n";
    exchange(
        new FuzzRequest(
            "ndjson", FuzzRequests.LOGS, "application/x-ndjson", lines.getBytes(UTF_8), 5, false),
        Encoding.NONE);
  }

  /** An array element nested past the parser's limit answered 500 before the fix. */
  @Example
  void regressionArrayElementTooDeepToFrame() throws Exception {
    String body = "[{\"d\":" + "[".repeat(5000) + "]".repeat(5000) + "},{\"msg\":\"ok\"}]";
    exchange(
        new FuzzRequest(
            "json-array", FuzzRequests.LOGS, "application/json", body.getBytes(UTF_8), 2, false),
        Encoding.GZIP);
  }

  /** A Loki label name over Jackson's 50,000 characters refused the whole push before the fix. */
  @Example
  void regressionLokiLabelNameOverTheParserLimit() throws Exception {
    String body =
        "{\"streams\":[{\"stream\":{\"job\":\"a\"},\"values\":[[\"1\",\"kept\"]]},"
            + "{\"stream\":{\""
            + "l".repeat(60_000)
            + "\":\"x\"},\"values\":[[\"2\",\"y\"]]}]}";
    exchange(
        new FuzzRequest(
            "loki-json", FuzzRequests.LOKI, "application/json", body.getBytes(UTF_8), 2, false),
        Encoding.NONE);
  }

  @Provide
  Arbitrary<FuzzRequest> ndjsonRequests() {
    return FuzzRequests.ndjson();
  }

  @Provide
  Arbitrary<FuzzRequest> jsonRequests() {
    return Arbitraries.oneOf(FuzzRequests.jsonArray(), FuzzRequests.jsonObject());
  }

  @Provide
  Arbitrary<FuzzRequest> textRequests() {
    return FuzzRequests.text();
  }

  @Provide
  Arbitrary<FuzzRequest> otlpRequests() {
    return FuzzRequests.otlp();
  }

  @Provide
  Arbitrary<FuzzRequest> lokiRequests() {
    return Arbitraries.oneOf(FuzzRequests.lokiJson(), FuzzRequests.lokiProtobuf());
  }

  @Provide
  Arbitrary<FuzzRequest> garbageRequests() {
    return FuzzRequests.garbage();
  }

  @Provide
  Arbitrary<Encoding> encodings() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just(Encoding.NONE)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(Encoding.class)));
  }

  /** Sends the request and checks every invariant of the answer. */
  static void exchange(FuzzRequest request, Encoding encoding) throws Exception {
    SINK.events.set(0);
    HttpRequest.Builder http =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + request.path()))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + KEY)
            .POST(HttpRequest.BodyPublishers.ofByteArray(encode(request.body(), encoding)));
    if (!request.contentType().isEmpty()) {
      http.header("Content-Type", request.contentType());
    }
    if (encoding != Encoding.NONE) {
      http.header("Content-Encoding", encoding == Encoding.DEFLATE ? "deflate" : "gzip");
    }
    HttpResponse<byte[]> response =
        HTTP.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
    int status = response.statusCode();
    record(request, status);
    String where = request + " [" + encoding + "] -> " + status + " " + text(response);
    assertThat(status).as("never a 5xx: " + where).isLessThan(500);

    int accepted;
    Integer rejected = null;
    if (status >= 400) {
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.path("error").asText()).as("a known error code: " + where).isIn(CODES);
      assertThat(body.path("message").asText()).as("a message: " + where).isNotBlank();
      accepted = body.path("accepted").asInt(0);
      rejected = body.has("rejected") ? body.get("rejected").asInt() : null;
    } else if (request.otlp()) {
      long refused = otlpRejected(response);
      accepted = (int) (request.events() - refused);
      rejected = (int) refused;
    } else if (status == 204) {
      accepted = request.events();
      rejected = 0;
    } else {
      accepted = JSON.readTree(response.body()).path("accepted").asInt();
      rejected = request.events() >= 0 ? 0 : null;
    }
    if (request.events() >= 0 && rejected != null && encoding != Encoding.TRUNCATED_GZIP) {
      assertThat(accepted + rejected)
          .as("accepted + rejected = sent: " + where)
          .isEqualTo(request.events());
      EVENTS_SENT.addAndGet(request.events());
    }
    assertThat(SINK.events.get())
        .as("the sink got exactly the accepted events: " + where)
        .isEqualTo(accepted);
    ACCEPTED.addAndGet(accepted);
    REJECTED.addAndGet(rejected == null ? 0 : rejected);
  }

  private static long otlpRejected(HttpResponse<byte[]> response) throws IOException {
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (type.startsWith("application/json")) {
      ExportLogsServiceResponse.Builder parsed = ExportLogsServiceResponse.newBuilder();
      JsonFormat.parser().merge(new String(response.body(), UTF_8), parsed);
      return parsed.getPartialSuccess().getRejectedLogRecords();
    }
    return ExportLogsServiceResponse.parseFrom(response.body())
        .getPartialSuccess()
        .getRejectedLogRecords();
  }

  private static byte[] encode(byte[] body, Encoding encoding) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (encoding) {
      case NONE, LYING_GZIP -> out.writeBytes(body);
      case GZIP, TRUNCATED_GZIP -> {
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
          gzip.write(body);
        }
      }
      case DEFLATE -> {
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
          deflate.write(body);
        }
      }
    }
    byte[] encoded = out.toByteArray();
    return encoding == Encoding.TRUNCATED_GZIP
        ? Arrays.copyOf(encoded, encoded.length / 2)
        : encoded;
  }

  private static synchronized void record(FuzzRequest request, int status) {
    TRIED.incrementAndGet();
    STATUSES
        .computeIfAbsent(request.kind() + ":" + status, k -> new AtomicInteger())
        .incrementAndGet();
  }

  private static String text(HttpResponse<byte[]> response) {
    byte[] body = response.body();
    return new String(body, 0, Math.min(body.length, 500), UTF_8);
  }
}
