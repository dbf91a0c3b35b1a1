package io.devlogs.bench.query;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each {@link QueryCase}: {@code warmups} unmeasured then {@code runs} measured requests of
 * the API, each next to the same request of its ceiling (either first, in turn), one request at a
 * time. An API that fails every warm-up is reported as failing, and neither it nor its ceiling is
 * measured.
 */
final class BenchRunner {

  /** The outcome of one case. */
  record Result(QueryCase query, Timings api, Timings ceiling) {}

  private final int warmups;
  private final int runs;
  private final PrintStream progress;

  BenchRunner(int warmups, int runs, PrintStream progress) {
    if (warmups < 0 || runs < 1) {
      throw new IllegalArgumentException(
          "warm-ups must be >= 0 and runs >= 1, got " + warmups + " and " + runs);
    }
    this.warmups = warmups;
    this.runs = runs;
    this.progress = progress;
  }

  List<Result> run(List<QueryCase> cases) {
    List<Result> results = new ArrayList<>();
    for (QueryCase query : cases) {
      progress.printf("%s: %s%n", query.name(), query.api().describe(0));
      results.add(measure(query));
    }
    return results;
  }

  /**
   * Warm-ups, then the measured runs, the API request and its ceiling taking turns, so both see the
   * same load of a shared machine and each reads half of the runs' data first.
   */
  private Result measure(QueryCase query) {
    List<Probe.Sample> apiWarm = new ArrayList<>();
    for (int i = 0; i < warmups; i++) {
      apiWarm.add(query.api().call(i));
      query.ceiling().call(i);
    }
    if (warmups > 0 && apiWarm.stream().noneMatch(Probe.Sample::ok)) {
      Timings api = Timings.of(apiWarm);
      progress.printf("  FAILING: %s%n", api.firstError());
      return new Result(query, api, Timings.of(List.of()));
    }
    List<Probe.Sample> api = new ArrayList<>(runs);
    List<Probe.Sample> ceiling = new ArrayList<>(runs);
    for (int i = warmups; i < warmups + runs; i++) {
      // Who goes first reads the run's data cold (a search of an hour not read before took 0.2 s
      // in ClickHouse, the same again 0.07 s): each goes first in every other run.
      if (i % 2 == 0) {
        api.add(query.api().call(i));
        ceiling.add(query.ceiling().call(i));
      } else {
        ceiling.add(query.ceiling().call(i));
        api.add(query.api().call(i));
      }
    }
    Result result = new Result(query, Timings.of(api), Timings.of(ceiling));
    if (!result.ceiling().anySucceeded()) {
      progress.printf("  ceiling FAILING: %s%n", result.ceiling().firstError());
    }
    return result;
  }

  /** The results as a table: API and ceiling latencies in ms, result sizes, ratios. */
  static void report(List<Result> results, PrintStream out) {
    out.printf(
        "%-44s %8s %8s %8s %8s %3s | %8s %8s %8s | %7s %7s%n",
        "query (ms)",
        "API p50",
        "p95",
        "max",
        "size",
        "err",
        "ceil p50",
        "p95",
        "size",
        "x p50",
        "x p95");
    for (Result r : results) {
      Timings a = r.api();
      Timings c = r.ceiling();
      out.printf(
          "%-44s %8s %8s %8s %8s %3d | %8s %8s %8s | %7s %7s%n",
          r.query().name(),
          ms(a, 0.5),
          ms(a, 0.95),
          ms(a, 1.0),
          size(a),
          a.failures(),
          ms(c, 0.5),
          ms(c, 0.95),
          size(c),
          ratio(a, c, 0.5),
          ratio(a, c, 0.95));
    }
    out.println("ceilings: " + ceilingNames(results));
    for (Result r : results) {
      if (r.api().firstError() != null) {
        out.printf(
            "%s: %d of %d requests FAILED, first: %s%n",
            r.query().name(), r.api().failures(), r.api().runs(), r.api().firstError());
      }
      if (r.ceiling().firstError() != null) {
        out.printf(
            "%s (ceiling): %d of %d FAILED, first: %s%n",
            r.query().name(), r.ceiling().failures(), r.ceiling().runs(), r.ceiling().firstError());
      }
    }
  }

  private static String ceilingNames(List<Result> results) {
    List<String> names = new ArrayList<>();
    for (Result r : results) {
      if (!names.contains(r.query().ceilingName())) {
        names.add(r.query().ceilingName());
      }
    }
    return String.join("; ", names) + " (x = API / ceiling)";
  }

  private static String ms(Timings t, double q) {
    return t.anySucceeded() ? String.format("%.1f", t.millis(q)) : "-";
  }

  private static String size(Timings t) {
    return t.anySucceeded() ? String.format("%.0f", t.meanSize()) : "-";
  }

  private static String ratio(Timings api, Timings ceiling, double q) {
    if (!api.anySucceeded() || !ceiling.anySucceeded()) {
      return "-";
    }
    return String.format("%.2f", api.millis(q) / ceiling.millis(q));
  }
}
