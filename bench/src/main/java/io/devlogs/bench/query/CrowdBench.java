package io.devlogs.bench.query;

import io.devlogs.bench.StreamRows;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.query.metrics.Granularity;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.EndpointKeys;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * {@code bin/devlogs bench crowd}: many dashboard users at once ({@link CrowdRun}) against a query
 * service, at each of several crowd sizes, with the figures of {@link CrowdReport}. Before the
 * crowds it measures the ceiling of the same run: the bare SQL of the search page's and the metrics
 * page's queries for one project, one at a time, straight to ClickHouse.
 *
 * <p>Options ({@code --key=value}): {@code users} (crowd sizes, default {@code 100,1000,5000}),
 * {@code projects} (100), {@code seconds} measured per size (60), {@code refresh-seconds} (10),
 * {@code warmup-seconds} (30: the first crowd size runs unmeasured this long before any figure),
 * {@code events-per-project} (20000, loaded once into projects {@code bench-crowd-<i>-<events>}
 * over the 24 hours before the load; {@code reload=true} loads again), {@code url}, plus the
 * stack's {@code postgres.*}, {@code clickhouse.*} and {@code cassandra.*} settings.
 *
 * <p>First, for each crowd size, the driver's own ceiling ({@link CrowdDriverCeiling}): the same
 * crowd against a trivial endpoint in its own process. Then the warm-up, and the crowds one after
 * another, as a service's users come: with a pause between them (as long as a ceiling run), every
 * cached answer expired and each crowd met a cold cache. When the driver alone cannot send the
 * crowd's requests with p95 <= 100 ms, the report says so, and the crowd's figures are also printed
 * as ratios of that ceiling.
 */
public final class CrowdBench {

  private static final int CEILING_RUNS = 20;

  private CrowdBench() {}

  /** The crowd sizes of the {@code users} setting ({@code 100,1000}), else {@code defaults}. */
  static List<Integer> crowds(Settings settings, String defaults) {
    return Arrays.stream(settings.get("users", defaults).split(","))
        .map(String::trim)
        .map(Integer::parseInt)
        .toList();
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromEnvironment(args);
    List<Integer> crowds = CrowdBench.crowds(settings, "100,1000,5000");
    int projects = settings.getInt("projects", 100);
    Duration measured = Duration.ofSeconds(settings.getInt("seconds", 60));
    Duration refresh = Duration.ofSeconds(settings.getInt("refresh-seconds", 10));
    Duration warmUp = Duration.ofSeconds(settings.getInt("warmup-seconds", 30));
    long events = settings.getInt("events-per-project", 20_000);
    boolean reload = Boolean.parseBoolean(settings.get("reload", "false"));
    String url = settings.get("url", settings.get(EndpointKeys.QUERY_URL));
    PrintStream out = System.out;

    ClickHouseHttp clickHouse = QueryBench.clickHouse(settings);
    ProjectsDatabase database = ProjectsDatabase.connect(settings);
    ApiKeyStore keyStore = new ApiKeyStore(database);
    List<BenchData> data = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    try (StreamRows cassandra = StreamRows.connect(settings)) {
      BenchStores stores = new BenchStores(clickHouse, cassandra);
      for (int i = 0; i < projects; i++) {
        BenchData loaded =
            QueryBench.ensureLoaded(
                "bench-crowd-" + i + "-" + events,
                new ProjectStore(database),
                stores,
                cassandra,
                clickHouse,
                events,
                1,
                i + 1,
                reload,
                false,
                out);
        data.add(loaded);
        keys.add(
            keyStore
                .issueKey(
                    loaded.projectId(), Set.of(Scope.QUERY), Instant.now().plus(Duration.ofDays(1)))
                .rawKey());
      }
    }
    Instant newest = data.get(0).to();
    out.printf(
        "%d projects of %,d events each; the data ends %s (%d min ago): the last hour the search"
            + " page shows holds %s%n",
        projects,
        events,
        newest,
        Duration.between(newest, Instant.now()).toMinutes(),
        Duration.between(newest, Instant.now()).toHours() >= 1
            ? "none of it (reload=true loads it again)"
            : "some of it");
    printCeiling(clickHouse, data.get(0).projectId(), out);

    HttpClient metrics = HttpClient.newHttpClient();
    try (CrowdClients clients = CrowdClients.start();
        CrowdDriverCeiling trivial = CrowdDriverCeiling.start()) {
      CrowdRun crowd = new CrowdRun(clients, url, keys);
      CrowdRun driverAlone = new CrowdRun(clients, trivial.url(), keys);
      Map<Integer, CrowdRun.Result> ceilings = new HashMap<>();
      for (int users : crowds) {
        out.printf(
            "%ndriver ceiling: the same crowd of %,d users against a trivial endpoint in its own"
                + " process (answers 200 at once): %s ramp-up, then %s measured...%n",
            users, refresh, measured);
        double cpu = processCpuSeconds();
        CrowdRun.Result ceiling = driverAlone.run(users, refresh, measured);
        CrowdReport.printCeiling(ceiling, usage(cpu, refresh.plus(measured)), out);
        ceilings.put(users, ceiling);
      }
      warmUp(crowd, crowds.get(0), refresh, warmUp, out);
      for (int users : crowds) {
        out.printf(
            "%ncrowd of %,d users over %d projects against %s: %s ramp-up, then %s measured...%n",
            users, projects, url, refresh, measured);
        double cpu = processCpuSeconds();
        OptionalDouble serviceCpu = ServiceCpu.read(metrics, url);
        CrowdRun.Result result = crowd.run(users, refresh, measured);
        CrowdReport.print(result, projects, out);
        out.println(usage(cpu, refresh.plus(measured)));
        out.println(
            ServiceCpu.describe(
                serviceCpu,
                ServiceCpu.read(metrics, url),
                refresh.plus(measured).toMillis() / 1000.0,
                result.samples().size() / result.seconds()));
        CrowdReport.printRatios(result, ceilings.get(users), out);
      }
    } finally {
      keys.forEach(keyStore::revokeKey);
    }
  }

  /**
   * Runs the first crowd against the service, unmeasured, so that the figures are those of a warm
   * service: a freshly started one spends its first minute compiling (its C2 thread took a core)
   * and refused 60% of a 1,000-user crowd that it served with 9% refused once warm.
   */
  private static void warmUp(
      CrowdRun crowd, int users, Duration refresh, Duration warmUp, PrintStream out)
      throws InterruptedException {
    if (warmUp.isZero()) {
      return;
    }
    out.printf(
        "%nwarm-up: a crowd of %,d users for %s after its %s ramp-up, not measured...%n",
        users, warmUp, refresh);
    CrowdRun.Result warm = crowd.run(users, refresh, warmUp);
    long ok = warm.samples().stream().filter(sample -> sample.status() / 100 == 2).count();
    out.printf("warm-up: %,d requests, %,d of them 2xx%n", warm.samples().size(), ok);
  }

  private static double processCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  private static CrowdReport.Usage usage(double cpuBefore, Duration wall) {
    return new CrowdReport.Usage(
        processCpuSeconds() - cpuBefore,
        wall.toMillis() / 1000.0,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** p50 and p95 of each page's SQL for one project, one at a time: what a request costs alone. */
  static void printCeiling(ClickHouseHttp clickHouse, String project, PrintStream out) {
    out.printf(
        "%nceiling: the bare SQL of each query for one project, straight to ClickHouse, %d runs"
            + " one at a time%n",
        CEILING_RUNS);
    Instant now = Instant.now();
    Instant[] hour = {now.minus(Duration.ofHours(1)), now};
    Instant[] sixHours = {now.minus(Duration.ofHours(6)), now};
    List<QueryCase> cases =
        List.of(
            ceiling("search, 1 h", run -> QueryCase.searchSql(project, hour, ""), clickHouse),
            ceiling("histogram, 1 h", run -> QueryCase.histogramSql(project, hour), clickHouse),
            ceiling(
                "metrics rollup, 6 h",
                run ->
                    QueryCase.rollupSql(
                        project, sixHours, Granularity.forRange(Duration.ofHours(6))),
                clickHouse));
    for (QueryCase c : cases) {
      long[] nanos = new long[CEILING_RUNS];
      int failures = 0;
      for (int run = 0; run < CEILING_RUNS; run++) {
        Probe.Sample sample = c.ceiling().call(run);
        nanos[run] = Math.round(sample.nanos() / 1e6);
        failures += sample.ok() ? 0 : 1;
      }
      Arrays.sort(nanos);
      out.printf(
          "  %-22s p50 %s ms, p95 %s ms%s%n",
          c.name(),
          CrowdReport.percentile(nanos, 0.5),
          CrowdReport.percentile(nanos, 0.95),
          failures == 0 ? "" : " (" + failures + " failed)");
    }
  }

  private static QueryCase ceiling(
      String name, java.util.function.IntFunction<String> sql, ClickHouseHttp clickHouse) {
    Probe probe = new ClickHouseProbe(clickHouse, sql);
    return new QueryCase(name, probe, "bare SQL", probe);
  }
}
