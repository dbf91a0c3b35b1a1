package io.devlogs.bench.launch;

import io.devlogs.ops.CommandFailed;
import io.devlogs.ops.Progress;
import io.devlogs.ops.flink.JobsByName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench e2e}, the headline benchmark: HTTP load on the running stack's ingest at increasing
 * rates ({@code io.devlogs.bench.e2e.E2eBench}), then a hold of the highest sustained rate. Before
 * it, in the same run, each stage's ceiling alone: {@code bench ingest} and {@code bench pipeline}
 * (run as they are, as sub-runs, their figures read from their results files) and a Cassandra
 * writer. Freshness is searched through a query service of this build on a free port. Report:
 * {@code bench/target/bench-report/<run>/}.
 */
final class E2eBenchRun {
  static final long CLIENTS = 4;
  private static final Pattern RUN_LINE = Pattern.compile(".* run ([^ :]*): .*");

  private final BenchContext context;
  private final Progress progress;
  private final E2eRunOptions options;
  private final String id;
  private final Path dir;
  private final Path log;
  private final LauncherServices services;
  private Optional<BenchProject> project = Optional.empty();

  private E2eBenchRun(BenchContext context, E2eRunOptions options) {
    this.context = context;
    this.progress = context.progress();
    this.options = options;
    this.id = Bench.runId("e2e-", Clock.systemUTC());
    this.dir = context.reportDir().resolve(id);
    this.log = dir.resolve("bench.log");
    this.services = new LauncherServices(context.launcher());
  }

  static int run(BenchContext context, List<String> args) {
    E2eRunOptions options = E2eRunOptions.parse(args);
    JobsByName jobs;
    try {
      jobs = context.flink().jobsNamed(context.jobName());
    } catch (RuntimeException unreachable) {
      jobs = new JobsByName(context.jobName(), List.of());
    }
    if (!jobs.state().filter("RUNNING"::equals).isPresent()) {
      throw new CommandFailed("bench e2e: the Flink job " + context.jobName() + " is not RUNNING");
    }
    return new E2eBenchRun(context, options).run();
  }

  private int run() {
    String loadAtStart = loadAverage();
    Bench.createDirectories(dir);
    CleanUp cleanUp = new CleanUp();
    cleanUp.add(this::cleanUp);
    return CleanUp.around(progress, cleanUp, () -> measure(loadAtStart));
  }

  private void measure(String loadAtStart) {
    progress.step(
        "bench-e2e",
        "run "
            + id
            + ": rates "
            + options.rates()
            + ", steps of "
            + options.stepSeconds()
            + " s, hold "
            + options.sustainSeconds()
            + " s (at most "
            + options.holdAttempts()
            + " holds); report in "
            + dir);
    BenchProject created =
        BenchProject.create("bench-" + id, log)
            .orElseThrow(
                () ->
                    new CommandFailed(
                        "bench e2e: creating the bench project failed or printed no project id or"
                            + " keys; see "
                            + log));
    project = Optional.of(created);
    progress.step("bench-e2e", "project " + created.id());
    String queryUrl = startQueryService();
    Ceilings ceilings = new Ceilings();
    if (options.ceilings()) {
      measureCeilings(ceilings);
    }
    write(dir.resolve("ceilings.tsv"), ceilings.tsv());
    load(created, queryUrl, loadAtStart);
  }

  /**
   * A query service of this build with the stack's settings: the same code reads the same
   * ClickHouse, and the stack's own query service may be down or being changed.
   */
  private String startQueryService() {
    int port = LauncherServices.freePort();
    String url = "http://127.0.0.1:" + port;
    String pid =
        services.start(
            context.e2eQueryService(),
            "query-service",
            "io.devlogs.query.QueryServer",
            url + "/healthz",
            List.of("--query.host=127.0.0.1", "--query.port=" + port));
    progress.step("bench-e2e", "freshness searches through " + url + " (pid " + pid + ")");
    return url;
  }

  /**
   * Each stage alone, one after the other. A stage that fails is "not measured"; the run goes on.
   */
  private void measureCeilings(Ceilings ceilings) {
    progress.step(
        "ceilings",
        "bench ingest: "
            + options.ingestEvents()
            + " events per encoding, "
            + CLIENTS
            + " clients");
    ceilings.addIngest(
        subRun(
            "ingest",
            IngestBench.RESULTS_FILE,
            List.of(
                "--events",
                Long.toString(options.ingestEvents()),
                "--clients",
                Long.toString(CLIENTS))),
        CLIENTS);
    progress.step("ceilings", "bench pipeline: " + options.pipelineEvents() + " events");
    ceilings.addPipeline(
        subRun(
            "pipeline",
            PipelineBench.RESULTS_FILE,
            List.of("--events", Long.toString(options.pipelineEvents()))),
        options.pipelineEvents());
    progress.step("ceilings", "Cassandra writes: " + options.cassandraRows() + " rows");
    JavaMain.Result cassandra =
        JavaMain.ofThisClasspath(
                "io.devlogs.bench.e2e.CassandraWriteCeiling",
                List.of(
                    "--project=p_bench_" + id.replace('-', '_') + "_cassandra",
                    "--events=" + options.cassandraRows()))
            .run(log);
    String result =
        cassandra.lines().stream().filter(line -> line.startsWith("RESULT")).findFirst().orElse("");
    if (!cassandra.ok() || result.isEmpty()) {
      progress.warn("the Cassandra ceiling failed; see " + log);
    }
    ceilings.addCassandra(result, options.cassandraRows());
    progress.step("ceilings", ceilings.summary());
  }

  /**
   * Runs an existing benchmark as it is, as its own process (its own names and clean-up), its
   * output kept in {@code ceiling-<name>.txt} and shown indented; returns its row of the results
   * file, or nothing.
   */
  private List<String> subRun(String name, String resultsFile, List<String> args) {
    Path output = dir.resolve("ceiling-" + name + ".txt");
    List<String> command = new ArrayList<>();
    command.addAll(context.subRun(name, args));
    ProcessBuilder builder =
        new ProcessBuilder(subRunCommand(command))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    try {
      if (builder.start().waitFor() != 0) {
        progress.warn("bench " + name + " failed; see " + output);
      }
      List<String> lines = Files.readAllLines(output);
      lines.forEach(line -> System.err.println("    " + line));
      Optional<String> runId =
          lines.stream()
              .map(RUN_LINE::matcher)
              .filter(Matcher::matches)
              .map(m -> m.group(1))
              .findFirst();
      return runId
          .map(run -> Bench.resultRow(context.benchDir().resolve(resultsFile), run))
          .orElse(List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailed("interrupted", e);
    }
  }

  private static List<String> subRunCommand(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchCommand.class.getName());
    command.addAll(args);
    return command;
  }

  private void load(BenchProject created, String queryUrl, String loadAtStart) {
    progress.step(
        "bench-e2e",
        "load through " + context.ingestUrl() + " at " + options.rates() + " events/s");
    String[] report = {""};
    JavaMain.ofThisClasspath(
            "io.devlogs.bench.e2e.E2eBench",
            List.of(
                "--run-id=" + id,
                "--rates=" + options.rates(),
                "--step-seconds=" + options.stepSeconds(),
                "--sustain-seconds=" + options.sustainSeconds(),
                "--hold-attempts=" + options.holdAttempts(),
                "--sample-seconds=" + options.sampleSeconds(),
                "--drain-seconds=" + options.drainSeconds(),
                "--ingest.url=" + context.ingestUrl(),
                "--query-url=" + queryUrl,
                "--ingest-key=" + created.ingestKey(),
                "--query-key=" + created.queryKey(),
                "--project=" + created.id(),
                "--out=" + dir,
                "--ceilings=" + dir.resolve("ceilings.tsv"),
                "--load-at-start=" + loadAtStart,
                // bin/devlogs keeps its pid files in .devlogs/run, next to the log folder.
                "--pid-dir=" + context.logDir().resolveSibling("run")))
        .run(
            log,
            line -> {
              if (line.startsWith("REPORT\t")) {
                report[0] = line.substring("REPORT\t".length());
              } else {
                progress.step("e2e", line);
              }
            });
    Path reportFile = Path.of(report[0]);
    if (report[0].isEmpty() || !nonEmpty(reportFile)) {
      throw new CommandFailed("bench e2e: no report was written; see " + log);
    }
    progress.out().println();
    try {
      E2eReportExcerpt.of(Files.readAllLines(reportFile)).forEach(progress.out()::println);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.step("bench-e2e", "report: " + reportFile + " (charts and CSV next to it)");
  }

  private void cleanUp() {
    progress.step("bench-e2e", "cleaning up " + id);
    services.stop(context.e2eQueryService());
    project.ifPresent(
        p ->
            new ProjectRows(context, context.clickHouse())
                .delete(p.id(), dir.resolve("partitions.tsv"), log));
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return String.join(" ", fields[0], fields[1], fields[2]);
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "";
    }
  }

  private static boolean nonEmpty(Path file) {
    try {
      return Files.isRegularFile(file) && Files.size(file) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
