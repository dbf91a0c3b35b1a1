package io.devlogs.bench.launch;

import io.devlogs.ops.CommandFailed;
import io.devlogs.ops.CommandLine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code bench crowd}: N simulated dashboard users over M projects against a query service, at each
 * crowd size of {@code --users}, with latencies per route, requests per second, the cache hit rate
 * and every non-2xx status ({@code io.devlogs.bench.query.CrowdBench}), next to the bare SQL time
 * of the same run.
 */
final class CrowdBenchRun {

  record Options(
      String users,
      long projects,
      long seconds,
      long eventsPerProject,
      boolean reload,
      String url,
      boolean dashboard,
      long organisations,
      long warmupSeconds) {
    static Options parse(List<String> args, String defaultUrl) {
      CommandLine options =
          CommandLine.parse(
              "bench crowd",
              args,
              Set.of(
                  "--users",
                  "--projects",
                  "--seconds",
                  "--events-per-project",
                  "--url",
                  "--organisations",
                  "--warmup-seconds"),
              Set.of("--reload", "--dashboard"));
      boolean dashboard = options.flag("--dashboard");
      String users = options.value("--users", dashboard ? "100,1000" : "100,1000,5000");
      if (!users.matches("[1-9][0-9]*(,[1-9][0-9]*)*")) {
        throw new CommandFailed(
            "bench crowd: --users must be positive numbers separated by commas, was " + users);
      }
      return new Options(
          users,
          options.number("--projects", 100, 1, "bench crowd: --projects must be a positive number"),
          options.number("--seconds", 60, 1, "bench crowd: --seconds must be a positive number"),
          options.number(
              "--events-per-project",
              20_000,
              1,
              "bench crowd: --events-per-project must be a positive number"),
          options.flag("--reload"),
          options.value("--url", defaultUrl),
          dashboard,
          options.number(
              "--organisations", 10, 1, "bench crowd: --organisations must be a positive number"),
          options.number(
              "--warmup-seconds",
              30,
              0,
              "bench crowd: --warmup-seconds must be a number of seconds, 0 for none"));
    }

    /** The benchmark's arguments. */
    List<String> mainArguments() {
      return dashboard
          ? List.of(
              "--users=" + users,
              "--organisations=" + organisations,
              "--seconds=" + seconds,
              "--events-per-project=" + eventsPerProject,
              "--reload=" + reload,
              "--url=" + url)
          : List.of(
              "--users=" + users,
              "--projects=" + projects,
              "--seconds=" + seconds,
              "--events-per-project=" + eventsPerProject,
              "--reload=" + reload,
              "--url=" + url,
              "--warmup-seconds=" + warmupSeconds);
    }

    String mainClass() {
      return dashboard
          ? "io.devlogs.bench.query.DashboardCrowdBench"
          : "io.devlogs.bench.query.CrowdBench";
    }
  }

  private CrowdBenchRun() {}

  static int run(BenchContext context, List<String> args) {
    Options options = Options.parse(args, context.queryUrl());
    String id = Bench.runId("crowd-", Clock.systemUTC());
    Path runDir = context.benchDir().resolve(id);
    Bench.createDirectories(runDir);
    context
        .progress()
        .step(
            "bench",
            "run "
                + id
                + ": users "
                + options.users()
                + (options.dashboard()
                    ? " signed in on " + options.organisations() + " organisations' dashboards"
                    : " over " + options.projects() + " projects")
                + ", query service "
                + options.url()
                + "; log and results in "
                + runDir);
    Path log = runDir.resolve("bench.log");
    PrintStream out = context.progress().out();
    try (PrintStream results =
        new PrintStream(Files.newOutputStream(runDir.resolve("results.txt")))) {
      JavaMain.Result result =
          JavaMain.ofThisClasspath(options.mainClass(), options.mainArguments())
              .run(
                  log,
                  line -> {
                    out.println(line);
                    results.println(line);
                  });
      if (!result.ok()) {
        throw new CommandFailed("bench crowd failed; see " + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }
}
