package io.devlogs.bench.launch;

import io.devlogs.ops.CommandFailed;
import io.devlogs.ops.CommandLine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code bench query}: p50/p95 latencies of the query API over a project of N generated events,
 * next to ceilings measured in the same run ({@code io.devlogs.bench.query.QueryBench}). The events
 * are loaded once and kept: a later run finds the complete project and skips the load ({@code
 * --reload} loads again).
 */
final class QueryBenchRun {
  static final long DEFAULT_EVENTS = 10_000_000;
  static final String RESULTS_FILE = "query-results.tsv";

  record Options(long events, boolean reload, String url, long warmups, long runs, String only) {
    static Options parse(List<String> args, String defaultUrl) {
      CommandLine options =
          CommandLine.parse(
              "bench query",
              args,
              Set.of("--events", "--url", "--warmups", "--runs", "--only"),
              Set.of("--reload"));
      return new Options(
          options.number(
              "--events", DEFAULT_EVENTS, 1, "bench query: --events must be a positive number"),
          options.flag("--reload"),
          options.value("--url", defaultUrl),
          options.number("--warmups", 5, 0, "bench query: --warmups must be a number"),
          options.number("--runs", 50, 1, "bench query: --runs must be a positive number"),
          options.value("--only", ""));
    }
  }

  private QueryBenchRun() {}

  static int run(BenchContext context, List<String> args) {
    Options options = Options.parse(args, context.queryUrl());
    if (!answers(options.url() + "/healthz")) {
      throw new CommandFailed(
          "bench query: no query service answers at " + options.url() + "/healthz");
    }
    String id = Bench.runId("query-", Clock.systemUTC());
    Path runDir = context.benchDir().resolve(id);
    Bench.createDirectories(runDir);
    context
        .progress()
        .step(
            "bench",
            "run "
                + id
                + ": "
                + options.events()
                + " events, query service "
                + options.url()
                + "; log and results in "
                + runDir);
    Path log = runDir.resolve("bench.log");
    PrintStream out = context.progress().out();
    try (PrintStream results =
        new PrintStream(Files.newOutputStream(runDir.resolve("results.txt")))) {
      JavaMain.Result result =
          JavaMain.ofThisClasspath(
                  "io.devlogs.bench.query.QueryBench",
                  List.of(
                      "--events=" + options.events(),
                      "--reload=" + options.reload(),
                      "--url=" + options.url(),
                      "--warmups=" + options.warmups(),
                      "--runs=" + options.runs(),
                      "--only=" + options.only(),
                      "--results-file=" + context.benchDir().resolve(RESULTS_FILE)))
              .run(
                  log,
                  line -> {
                    out.println(line);
                    results.println(line);
                  });
      if (!result.ok()) {
        throw new CommandFailed("bench query failed; see " + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }

  private static boolean answers(String url) {
    try {
      HttpResponse<Void> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.discarding());
      return response.statusCode() / 100 == 2;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
