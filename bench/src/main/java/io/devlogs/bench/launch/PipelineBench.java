package io.devlogs.bench.launch;

import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.ops.CommandFailed;
import io.devlogs.ops.CommandLine;
import io.devlogs.ops.Polling;
import io.devlogs.ops.Progress;
import io.devlogs.ops.flink.FlinkAnswers;
import io.devlogs.ops.flink.FlinkRest;
import io.devlogs.ops.flink.JobArguments;
import io.devlogs.ops.flink.JobSummary;
import io.devlogs.ops.flink.PipelineJob;
import io.devlogs.ops.flink.RunRequest;
import io.devlogs.settings.Setting;
import io.devlogs.settings.keys.KafkaKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code bench pipeline}: the job's sustained events/s from a preloaded topic through all its
 * sinks, next to two ceilings measured in the same run on the same records: Kafka's consumer perf
 * tool reading the topic, and one ClickHouse HTTP insert of the rows the job wrote. The job is a
 * second instance with its own topic, consumer group, dead-letter topic and transactional ids.
 */
final class PipelineBench {
  static final long DEFAULT_EVENTS = 300_000;
  static final int PARTITIONS = 2;
  static final String RESULTS_FILE = "results.tsv";

  /** The names of one run: its topics, groups, project and scratch table. */
  record Names(String id, Path runDir) {
    String tag() {
      return id.replace('-', '_');
    }

    String topic() {
      return "devlogs-bench-" + id;
    }

    String deadLetters() {
      return "devlogs-bench-dead-letters-" + id;
    }

    String group() {
      return "devlogs-bench-" + id;
    }

    String perfGroup() {
      return "devlogs-bench-perf-" + id;
    }

    String project() {
      return "p_bench_" + tag();
    }

    String scratchTable() {
      return "devlogs.bench_ceiling_" + tag();
    }

    Path log() {
      return runDir.resolve("bench.log");
    }

    Path partitionsFile() {
      return runDir.resolve("partitions.tsv");
    }

    /**
     * The settings of the bench job that differ from the running pipeline's: its own topics, group
     * and transactional ids, so the two jobs never fence each other's producers.
     */
    Map<Setting<?>, String> overrides() {
      Map<Setting<?>, String> overrides = new LinkedHashMap<>();
      overrides.put(KafkaKeys.RAW_TOPIC, topic());
      overrides.put(KafkaKeys.GROUP_ID, group());
      overrides.put(KafkaKeys.DEAD_LETTER_TOPIC, deadLetters());
      for (Setting<String> prefix : KafkaKeys.TRANSACTIONAL_ID_PREFIXES) {
        overrides.put(prefix, group() + "-" + prefix.key());
      }
      return overrides;
    }
  }

  private final BenchContext context;
  private final Progress progress;
  private final long events;
  private final Names names;
  private final FlinkRest flink;
  private final ClickHouseHttp clickHouse;
  private String jobId = "";

  private PipelineBench(BenchContext context, long events) {
    this.context = context;
    this.progress = context.progress();
    this.events = events;
    String id = Bench.runId("", Clock.systemUTC());
    this.names = new Names(id, context.benchDir().resolve(id));
    this.flink = context.flink();
    this.clickHouse = context.clickHouse();
  }

  /** {@code --events N} (default 300,000). */
  static long parseEvents(List<String> args) {
    CommandLine options = CommandLine.parse("bench pipeline", args, Set.of("--events"), Set.of());
    return options.number(
        "--events", DEFAULT_EVENTS, 1, "bench pipeline: --events must be a positive number");
  }

  static int run(BenchContext context, List<String> args) {
    long events = parseEvents(args);
    if (!Files.isRegularFile(context.jobJar())) {
      throw new CommandFailed("bench pipeline: " + context.jobJar() + " is not built");
    }
    return new PipelineBench(context, events).run();
  }

  private int run() {
    Bench.createDirectories(names.runDir());
    CleanUp cleanUp = new CleanUp();
    try (KafkaTools kafka =
        new KafkaTools(
            context.settings(), context.kafkaToolsClasspath(), context.kafkaToolsLog4j())) {
      cleanUp.add(() -> cleanUp(kafka));
      return CleanUp.around(progress, cleanUp, () -> measure(kafka));
    }
  }

  private void measure(KafkaTools kafka) {
    progress.step(
        "bench",
        "run " + names.id() + ": " + events + " events; log and results in " + names.runDir());
    kafka.createTopic(names.topic(), PARTITIONS, names.log());
    kafka.createTopic(names.deadLetters(), 1, names.log());
    preload();
    long kafkaRate = kafkaCeiling(kafka);
    JobFigures job = job();
    long clickHouseRate = clickHouseCeiling();
    PipelineReport report =
        new PipelineReport(
            names.id(),
            events,
            kafkaRate,
            clickHouseRate,
            job.rate(),
            job.steadyRate(),
            job.warm());
    Bench.printAndKeep(report.text(), names.runDir().resolve("results.txt"), progress.out());
    Bench.appendResult(
        context.benchDir().resolve(RESULTS_FILE),
        PipelineReport.RESULTS_HEADER,
        report.resultsRow());
  }

  private void preload() {
    progress.step(
        "preload",
        "writing "
            + events
            + " synthetic events to "
            + names.topic()
            + " as ingest writes them (project "
            + names.project()
            + ")");
    JavaMain.ofThisClasspath(
            "io.devlogs.bench.BenchTopicLoader",
            List.of(
                "--topic=" + names.topic(),
                "--project=" + names.project(),
                "--events=" + events,
                "--partitions-file=" + names.partitionsFile()))
        .run(names.log(), line -> progress.step("preload", line));
  }

  /** (a) the records/s of Kafka's consumer perf tool reading the whole topic once. */
  private long kafkaCeiling(KafkaTools kafka) {
    progress.step(
        "kafka-ceiling", "ConsumerPerformance (kafka-consumer-perf-test) reading " + names.topic());
    String csv = kafka.consumerPerformance(names.topic(), events, names.perfGroup(), names.log());
    Bench.appendLog(names.log(), "ConsumerPerformance: " + csv);
    Optional<PerfToolOutput.Figures> figures = PerfToolOutput.consumer(csv);
    String consumed = figures.map(f -> Long.toString(f.records())).orElse("");
    if (figures.isEmpty() || figures.get().records() != events) {
      throw new CommandFailed(
          "bench: the perf tool read '"
              + consumed
              + "' of "
              + events
              + " records; see "
              + names.log());
    }
    long rate = Math.round(figures.get().perSecond());
    progress.step("kafka-ceiling", consumed + " records, " + rate + " records/s");
    return rate;
  }

  /** The job's events/s end to end, from its first commit and warm, with the warm half's CPU. */
  record JobFigures(long rate, long steadyRate, Optional<WarmHalf.Figures> warm) {}

  /**
   * (c) runs the job on the bench topic and measures its events/s: from the run request until
   * ClickHouse holds every event of the bench project; then checks Cassandra holds them too, and
   * cancels the job.
   */
  private JobFigures job() {
    progress.step(
        "bench-job",
        "submitting "
            + context.jobName()
            + " on "
            + names.topic()
            + " (group "
            + names.group()
            + ", parallelism "
            + PARTITIONS
            + ")");
    String jarId;
    try {
      jarId = flink.uploadJar(context.jobJar());
    } catch (RuntimeException e) {
      throw new CommandFailed("bench: uploading " + context.jobJar() + " failed");
    }
    long started = System.nanoTime();
    try {
      jobId = FlinkAnswers.submittedJobId(flink.run(jarId, runRequest()));
    } catch (RuntimeException e) {
      throw new CommandFailed("bench: Flink refused the job; see " + context.flinkJobManagerLog());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(120 + events / 500).toNanos();
    long first = 0;
    long firstCount = 0;
    long count = 0;
    long lastProgress = 0;
    WarmHalf warm = null;
    String countSql =
        "SELECT count() FROM devlogs.events WHERE project = '" + names.project() + "'";
    while (count < events) {
      if (System.nanoTime() - deadline > 0) {
        throw new CommandFailed(
            "bench: ClickHouse holds " + count + " of " + events + " events after the deadline");
      }
      String state = jobState();
      if (!JobSummary.ALIVE_STATES.contains(state)) {
        throw new CommandFailed(
            "bench: job " + jobId + " is " + state + "; see " + context.flinkJobManagerLog());
      }
      count = Bench.clickHouse(() -> clickHouse.selectLong(countSql));
      if (first == 0 && count > 0) {
        first = System.nanoTime();
        firstCount = count;
      }
      if (warm == null && count >= events / 2 && count < events) {
        warm = WarmHalf.start(pidDir(), count);
      }
      if (System.nanoTime() - lastProgress >= Duration.ofSeconds(5).toNanos()) {
        progress.step(
            "bench-job",
            count
                + "/"
                + events
                + " events in ClickHouse after "
                + Bench.seconds(Bench.since(started))
                + " s");
        lastProgress = System.nanoTime();
      }
      if (count < events) {
        Bench.pause();
      }
    }
    long now = System.nanoTime();
    long held = count;
    // Empty when ClickHouse went from under half to all of the events in one poll.
    Optional<WarmHalf.Figures> warmFigures = Optional.ofNullable(warm).map(w -> w.end(held));
    if (count != events) {
      throw new CommandFailed(
          "bench: ClickHouse holds " + count + " rows for " + events + " events");
    }
    JavaMain.Result cassandra =
        JavaMain.ofThisClasspath(
                "io.devlogs.bench.BenchStreamRows",
                List.of(
                    "count",
                    "--project=" + names.project(),
                    "--partitions-file=" + names.partitionsFile()))
            .run(names.log());
    if (!cassandra.output().strip().equals(Long.toString(events))) {
      throw new CommandFailed(
          "bench: Cassandra holds "
              + cassandra.output().strip()
              + " rows for "
              + events
              + " events");
    }
    double seconds = (now - started) / 1e9;
    long jobRate = Bench.rate(events, seconds);
    // Between the first commit and the last: without the job's start and its first checkpoint.
    long steadyRate = Bench.rate(events - firstCount, (now - first) / 1e9);
    progress.step(
        "bench-job",
        "all "
            + events
            + " events in ClickHouse and Cassandra after "
            + Bench.seconds(seconds)
            + " s: "
            + jobRate
            + " events/s");
    cancelJob();
    return new JobFigures(jobRate, steadyRate, warmFigures);
  }

  private Optional<Path> pidDir() {
    return Optional.of(context.logDir().resolveSibling("run"));
  }

  private RunRequest runRequest() {
    return new RunRequest(
        PipelineJob.ENTRY_CLASS,
        PARTITIONS,
        JobArguments.forwarded(context.settings(), names.overrides()),
        Optional.empty());
  }

  private String jobState() {
    try {
      return flink.state(jobId);
    } catch (RuntimeException unreachable) {
      return "";
    }
  }

  private void cancelJob() {
    if (jobId.isEmpty()) {
      return;
    }
    if (JobSummary.ALIVE_STATES.contains(jobState())) {
      try {
        flink.cancel(jobId);
      } catch (RuntimeException ignored) {
        // the wait below says whether it ended
      }
      if (!Polling.until(
          Duration.ofSeconds(60), () -> !JobSummary.ALIVE_STATES.contains(jobState()))) {
        progress.warn("bench job " + jobId + " did not cancel within 60s");
      }
    }
    deleteTree(context.flinkData().resolve("checkpoints").resolve(jobId));
    jobId = "";
  }

  /** (b) the rows/s of one ClickHouse HTTP insert of the job's rows into a scratch copy. */
  private long clickHouseCeiling() {
    String columns =
        Bench.clickHouse(
            () ->
                clickHouse.select(
                        "SELECT arrayStringConcat(groupArray(name), ',') FROM system.columns"
                            + " WHERE database = 'devlogs' AND table = 'events'"
                            + " AND name != 'sink_batch'")
                    .get(0)[0]);
    Path rows = names.runDir().resolve("rows.json");
    String select =
        "SELECT "
            + columns
            + " FROM devlogs.events WHERE project = '"
            + names.project()
            + "' FORMAT JSONEachRow";
    Bench.clickHouse(() -> clickHouse.selectInto(select, rows));
    progress.step(
        "clickhouse-ceiling",
        "one HTTP insert of the job's "
            + events
            + " rows ("
            + megabytes(rows)
            + " MB JSONEachRow) into "
            + names.scratchTable());
    Bench.clickHouse(
        () ->
            clickHouse.execute(
                "CREATE TABLE " + names.scratchTable() + " AS devlogs.events", null));
    long started = System.nanoTime();
    try {
      String insert =
          "INSERT INTO " + names.scratchTable() + " (" + columns + ") FORMAT JSONEachRow";
      Bench.clickHouse(() -> clickHouse.insert(insert, rows));
    } catch (CommandFailed e) {
      throw new CommandFailed("bench: the ClickHouse insert failed: " + e.getMessage(), e);
    }
    double seconds = Bench.since(started);
    long count =
        Bench.clickHouse(
            () -> clickHouse.selectLong("SELECT count() FROM " + names.scratchTable()));
    if (count != events) {
      throw new CommandFailed(
          "bench: the scratch table holds " + count + " of " + events + " rows");
    }
    long rate = Bench.rate(events, seconds);
    progress.step(
        "clickhouse-ceiling",
        count + " rows in " + Bench.seconds(seconds) + " s: " + rate + " rows/s");
    return rate;
  }

  private void cleanUp(KafkaTools kafka) {
    progress.step("bench", "cleaning up " + names.id());
    cancelJob();
    kafka.deleteQuietly(
        List.of(names.topic(), names.deadLetters()),
        List.of(names.group(), names.perfGroup()),
        names.log());
    try {
      Bench.clickHouse(
          () -> clickHouse.execute("DROP TABLE IF EXISTS " + names.scratchTable(), null));
    } catch (CommandFailed e) {
      Bench.appendLog(names.log(), e.getMessage());
    }
    new ProjectRows(context, clickHouse)
        .delete(names.project(), names.partitionsFile(), names.log());
    Bench.deleteQuietly(names.runDir().resolve("rows.json"));
  }

  /** The size of a file in whole megabytes, rounded up as {@code du -m} does. */
  static long megabytes(Path file) {
    try {
      long mb = 1024 * 1024;
      return (Files.size(file) + mb - 1) / mb;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(Bench::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
