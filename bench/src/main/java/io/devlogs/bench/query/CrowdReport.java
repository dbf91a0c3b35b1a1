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
    long cached = samples.stream().filter(s -> s.status() / 100 == 2 && s.fromCache()).count();
    long stale = samples.stream().filter(s -> "stale".equals(s.cache())).count();
    out.printf(
        "%n%,d users %s: %,d requests in %.0f s measured = %.1f requests/s;"
            + " from the cache %.1f%% of %,d 2xx (%.1f%% stale: past its TTL while another"
            + " request refreshed it); refreshes skipped (previous still running): %,d%n",
        result.users(),
        over,
        samples.size(),
        result.seconds(),
        samples.size() / result.seconds(),
        percent(cached, ok),
        ok,
        percent(stale, ok),
        result.skippedRefreshes());
    header(out);
    for (String route : routes) {
      row(route, samples.stream().filter(s -> s.route().equals(route)).toList(), out);
    }
    row("all", samples, out);
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 0.0 : 100.0 * part / whole;
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

  /**
   * The p95 a driver must reach against a trivial endpoint for a crowd's figures to be the
   * service's.
   */
  static final long DRIVER_P95_BOUND_MS = 100;

  /**
   * The driver's ceiling of the same run ({@link CrowdDriverCeiling}): its table row and whether it
   * sends this crowd's requests with p95 <= {@link #DRIVER_P95_BOUND_MS} and an answer to each.
   */
  static void printCeiling(CrowdRun.Result ceiling, Usage driver, PrintStream out) {
    List<CrowdRun.Sample> samples = ceiling.samples();
    long[] all = millis(samples, s -> true);
    long failed = samples.stream().filter(s -> s.status() / 100 != 2).count();
    out.printf(
        "driver ceiling: %,d requests in %.0f s = %.1f requests/s; refreshes skipped: %,d; %s%n",
        samples.size(),
        ceiling.seconds(),
        samples.size() / ceiling.seconds(),
        ceiling.skippedRefreshes(),
        driver);
    header(out);
    row("driver alone", samples, out);
    long p95 = all.length == 0 ? Long.MAX_VALUE : Long.parseLong(percentile(all, 0.95));
    if (p95 <= DRIVER_P95_BOUND_MS && failed == 0 && ceiling.skippedRefreshes() == 0) {
      out.printf(
          "the driver alone sends %,d users' requests with p95 %d ms <= %d ms: the crowd's figures"
              + " below are the service's%n",
          ceiling.users(), p95, DRIVER_P95_BOUND_MS);
    } else {
      out.printf(
          "THE DRIVER ALONE CANNOT SEND %,d USERS' REQUESTS WITH p95 <= %d ms on this machine"
              + " (p95 %s ms, %,d without a 2xx, %,d refreshes skipped): the crowd's figures below"
              + " are bounded by the driver; read them as ratios of this ceiling%n",
          ceiling.users(),
          DRIVER_P95_BOUND_MS,
          all.length == 0 ? "-" : Long.toString(p95),
          failed,
          ceiling.skippedRefreshes());
    }
  }

  /** The crowd's figures as ratios of the driver's ceiling of the same run and size. */
  static void printRatios(CrowdRun.Result crowd, CrowdRun.Result ceiling, PrintStream out) {
    long[] service = millis(crowd.samples(), s -> true);
    long[] driver = millis(ceiling.samples(), s -> true);
    out.printf(
        "against the driver's ceiling (service / driver alone): requests/s %s, p50 %s, p95 %s, p99"
            + " %s%n",
        ratio(
            crowd.samples().size() / crowd.seconds(), ceiling.samples().size() / ceiling.seconds()),
        ratio(service, driver, 0.50),
        ratio(service, driver, 0.95),
        ratio(service, driver, 0.99));
  }

  private static String ratio(long[] service, long[] driver, double p) {
    if (service.length == 0 || driver.length == 0) {
      return "-";
    }
    return ratio(
        Double.parseDouble(percentile(service, p)),
        Math.max(1, Double.parseDouble(percentile(driver, p))));
  }

  private static String ratio(double service, double driver) {
    return driver == 0 ? "-" : String.format("%.2fx", service / driver);
  }

  /**
   * CPU of the benchmark's own process (the driver) during a run.
   *
   * @param cpuSeconds CPU time the process used
   * @param wallSeconds the run's length
   * @param load the machine's one-minute load average at its end
   */
  record Usage(double cpuSeconds, double wallSeconds, double load) {
    @Override
    public String toString() {
      return String.format(
          "%s (load average %.1f)", cpuShare("driver process", cpuSeconds, wallSeconds), load);
    }
  }

  /** "{@code process} CPU 1.0 s in 10 s = 0.10 of 2 cores": a process's share of this machine. */
  static String cpuShare(String process, double cpuSeconds, double wallSeconds) {
    return String.format(
        "%s CPU %.1f s in %.0f s = %.2f of %d cores",
        process,
        cpuSeconds,
        wallSeconds,
        cpuSeconds / wallSeconds,
        Runtime.getRuntime().availableProcessors());
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
