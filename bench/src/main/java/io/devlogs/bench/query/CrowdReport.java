package io.devlogs.bench.query;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The table of a {@link CrowdRun}: per route and for all routes, the count, p50, p95, p99 and max
 * of every request, p95 of the answered (2xx) and of the refused (429/503) ones apart, and the
 * count of every status; then requests per second and the cache hit rate of the 2xx answers.
 */
final class CrowdReport {
  private CrowdReport() {}

  static void print(CrowdRun.Result result, int projects, PrintStream out) {
    List<String> routes = new ArrayList<>(CrowdRun.SEARCH_PAGE);
    routes.addAll(CrowdRun.METRICS_PAGE);
    print(result, "over " + projects + " projects", routes, out);
  }

  /** The table with a row per route of {@code routes}, then one of all. */
  static void print(CrowdRun.Result result, String over, List<String> routes, PrintStream out) {
    List<CrowdRun.Sample> samples = result.samples();
    long ok = samples.stream().filter(s -> s.status() / 100 == 2).count();
    long hits = samples.stream().filter(s -> s.status() / 100 == 2 && s.cacheHit()).count();
    out.printf(
        "%n%,d users %s: %,d requests in %.0f s measured = %.1f requests/s;"
            + " cache hits %.1f%% of %,d 2xx; refreshes skipped (previous still running): %,d%n",
        result.users(),
        over,
        samples.size(),
        result.seconds(),
        samples.size() / result.seconds(),
        ok == 0 ? 0.0 : 100.0 * hits / ok,
        ok,
        result.skippedRefreshes());
    header(out);
    for (String route : routes) {
      row(route, samples.stream().filter(s -> s.route().equals(route)).toList(), out);
    }
    row("all", samples, out);
  }

  /** The column names of {@link #row}. */
  static void header(PrintStream out) {
    out.printf(
        "%-20s %7s %8s %8s %8s %8s %9s %11s  %s%n",
        "route",
        "count",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "2xx p95",
        "refused p95",
        "statuses (error code; 0 = no answer)");
  }

  static void row(String name, List<CrowdRun.Sample> samples, PrintStream out) {
    long[] all = millis(samples, s -> true);
    Map<String, Long> statuses =
        samples.stream()
            .collect(
                Collectors.groupingBy(
                    s -> s.status() + (s.error() == null ? "" : " " + s.error()),
                    TreeMap::new,
                    Collectors.counting()));
    out.printf(
        "%-20s %7d %8s %8s %8s %8s %9s %11s  %s%n",
        name,
        samples.size(),
        percentile(all, 0.50),
        percentile(all, 0.95),
        percentile(all, 0.99),
        percentile(all, 1.0),
        percentile(millis(samples, s -> s.status() / 100 == 2), 0.95),
        percentile(millis(samples, s -> s.status() == 429 || s.status() == 503), 0.95),
        statuses.entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue())
            .collect(Collectors.joining(" ")));
  }

  private static long[] millis(List<CrowdRun.Sample> samples, Predicate<CrowdRun.Sample> which) {
    long[] values =
        samples.stream().filter(which).mapToLong(s -> Math.round(s.nanos() / 1e6)).toArray();
    Arrays.sort(values);
    return values;
  }

  /** The nearest-rank percentile of sorted values, or "-" for none. */
  static String percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return "-";
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return Long.toString(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))]);
  }
}
