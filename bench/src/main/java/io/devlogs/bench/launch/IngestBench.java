package io.devlogs.bench.launch;

import io.devlogs.ops.CommandFailed;
import io.devlogs.ops.CommandLine;
import io.devlogs.ops.Progress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code bench ingest}: events/s that ingest acknowledges for NDJSON batches of 1,000 events of
 * about 300 bytes, plain and gzip, from several concurrent clients, next to the ceiling of Kafka's
 * producer perf tool with the same records and acks=all, in the same run. The ingest server is one
 * of this build with the stack's settings but its own port and topic (so the benchmark neither
 * feeds the running job nor leaves events in the stack's topic), and no rate limits: the benchmark
 * measures what the server can take, not its configured limit.
 */
final class IngestBench {
  static final long DEFAULT_EVENTS = 200_000;
  static final long DEFAULT_CLIENTS = 4;
  static final int BATCH = 1000;
  static final String RESULTS_FILE = "ingest-results.tsv";
  static final String SERVICE = "bench-ingest";

  /** {@code --events N} (a positive multiple of 1,000) and {@code --clients C}. */
  record Options(long events, long clients) {
    static Options parse(List<String> args) {
      CommandLine options =
          CommandLine.parse("bench ingest", args, Set.of("--events", "--clients"), Set.of());
      String message = "bench ingest: --events must be a positive multiple of " + BATCH;
      long events = options.number("--events", DEFAULT_EVENTS, 1, message);
      if (events % BATCH != 0) {
        throw new CommandFailed(message + " (got '" + events + "')");
      }
      long clients =
          options.number(
              "--clients", DEFAULT_CLIENTS, 1, "bench ingest: --clients must be a positive number");
      return new Options(events, clients);
    }
  }

  private final BenchContext context;
  private final Progress progress;
  private final Options options;
  private final String id;
  private final Path runDir;
  private final Path log;
  private final String topic;
  private final String perfTopic;
  private final LauncherServices services;

  private IngestBench(BenchContext context, Options options) {
    this.context = context;
    this.progress = context.progress();
    this.options = options;
    this.id = Bench.runId("ingest-", Clock.systemUTC());
    this.runDir = context.benchDir().resolve(id);
    this.log = runDir.resolve("bench.log");
    this.topic = "devlogs-bench-" + id;
    this.perfTopic = "devlogs-bench-perf-" + id;
    this.services = new LauncherServices(context.launcher());
  }

  static int run(BenchContext context, List<String> args) {
    return new IngestBench(context, Options.parse(args)).run();
  }

  private int run() {
    Bench.createDirectories(runDir);
    CleanUp cleanUp = new CleanUp();
    try (KafkaTools kafka =
        new KafkaTools(
            context.settings(), context.kafkaToolsClasspath(), context.kafkaToolsLog4j())) {
      cleanUp.add(
          () -> {
            progress.step("bench", "cleaning up " + id);
            services.stop(SERVICE);
            kafka.deleteQuietly(List.of(topic, perfTopic), List.of(), log);
            Bench.deleteQuietly(payloadFile());
          });
      return CleanUp.around(progress, cleanUp, () -> measure(kafka));
    }
  }

  private Path payloadFile() {
    return runDir.resolve("events.ndjson");
  }

  private void measure(KafkaTools kafka) {
    progress.step(
        "bench",
        "run "
            + id
            + ": "
            + options.events()
            + " events per encoding, "
            + options.clients()
            + " clients; log and results in "
            + runDir);
    kafka.createTopic(topic, PipelineBench.PARTITIONS, log);
    kafka.createTopic(perfTopic, PipelineBench.PARTITIONS, log);
    String url = startServer();
    IngestLoadOutput load = load(url);
    long records = kafka.records(topic);
    if (records != load.accepted().orElseThrow()) {
      throw new CommandFailed(
          "bench: "
              + topic
              + " holds "
              + records
              + " records for "
              + load.accepted().get()
              + " acknowledged events");
    }
    progress.step("bench-ingest", topic + " holds exactly the " + records + " acknowledged events");
    long kafkaRate = kafkaCeiling(kafka, load.eventBytes());
    IngestLoadOutput.Encoding gzip = load.gzip().orElseThrow();
    IngestReport report =
        new IngestReport(
            id,
            options.events(),
            options.clients(),
            load.eventBytes(),
            kafkaRate,
            load.plain().orElseThrow().rate(),
            gzip.supported() ? gzip.rate() : "unsupported");
    Bench.printAndKeep(report.text(), runDir.resolve("results.txt"), progress.out());
    Bench.appendResult(
        context.benchDir().resolve(RESULTS_FILE), IngestReport.RESULTS_HEADER, report.resultsRow());
  }

  private String startServer() {
    int port = LauncherServices.freePort();
    String url = "http://127.0.0.1:" + port;
    String pid =
        services.start(
            SERVICE,
            "ingest-http",
            "io.devlogs.ingest.IngestServer",
            url + "/healthz",
            List.of(
                "--ingest.host=127.0.0.1",
                "--ingest.port=" + port,
                "--kafka.raw-topic=" + topic,
                "--ingest.rate-limit.events-per-second=0",
                "--ingest.rate-limit.bytes-per-second=0"));
    progress.step(
        "bench-ingest", "ingest on port " + port + " writing to " + topic + " (pid " + pid + ")");
    return url;
  }

  private IngestLoadOutput load(String url) {
    String key =
        BenchProject.create("bench-" + id, log)
            .map(BenchProject::ingestKey)
            .orElseThrow(
                () -> new CommandFailed("bench: creating the bench project failed; see " + log));
    progress.step(
        "bench-ingest",
        options.clients()
            + " clients posting "
            + options.events()
            + " events per encoding in batches of "
            + BATCH);
    JavaMain.Result result =
        JavaMain.ofThisClasspath(
                "io.devlogs.bench.IngestLoad",
                List.of(
                    "--url=" + url,
                    "--key=" + key,
                    "--events=" + options.events(),
                    "--clients=" + options.clients(),
                    "--batch=" + BATCH,
                    "--payload-file=" + payloadFile()))
            .run(log);
    if (!result.ok()) {
      throw new CommandFailed(
          "bench: the load failed; see "
              + log
              + " and "
              + context.logDir().resolve(SERVICE + ".log"));
    }
    Bench.appendLog(log, result.output());
    IngestLoadOutput output = IngestLoadOutput.parse(result.lines());
    output
        .plain()
        .ifPresent(
            plain ->
                progress.step(
                    "bench-ingest",
                    "plain: "
                        + plain.events()
                        + " events in "
                        + plain.seconds()
                        + " s: "
                        + plain.rate()
                        + " events/s ("
                        + plain.megabytes()
                        + " MB/s of NDJSON)"));
    output
        .gzip()
        .ifPresent(
            gzip ->
                progress.step(
                    "bench-ingest",
                    gzip.supported()
                        ? "gzip: "
                            + gzip.events()
                            + " events in "
                            + gzip.seconds()
                            + " s: "
                            + gzip.rate()
                            + " events/s ("
                            + gzip.megabytes()
                            + " MB/s of NDJSON before compression)"
                        : "gzip: not supported by this build ("
                            + gzip.detail().substring(0, Math.min(100, gzip.detail().length()))
                            + ")"));
    if (!output.complete()) {
      throw new CommandFailed("bench: IngestLoad printed no complete result; see " + log);
    }
    return output;
  }

  /**
   * The records/s of Kafka's producer perf tool sending the very events the clients posted (its
   * payload file, so the same record sizes), as many as one encoding's events.
   */
  private long kafkaCeiling(KafkaTools kafka, long eventBytes) {
    progress.step(
        "kafka-ceiling",
        "ProducerPerformance (kafka-producer-perf-test): "
            + options.events()
            + " of the same events (mean "
            + eventBytes
            + " bytes), acks=all");
    String summary = kafka.producerPerformance(perfTopic, options.events(), payloadFile(), log);
    Bench.appendLog(log, "ProducerPerformance: " + summary);
    PerfToolOutput.Figures figures =
        PerfToolOutput.producer(summary)
            .orElseThrow(
                () ->
                    new CommandFailed(
                        "bench: unexpected output of the producer perf tool: '"
                            + summary
                            + "'; see "
                            + log));
    if (figures.records() != options.events()) {
      throw new CommandFailed(
          "bench: the perf tool sent "
              + figures.records()
              + " of "
              + options.events()
              + " records");
    }
    long rate = Math.round(figures.perSecond());
    progress.step("kafka-ceiling", rate + " records/s");
    return rate;
  }
}
