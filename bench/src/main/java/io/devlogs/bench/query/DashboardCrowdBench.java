package io.devlogs.bench.query;

import io.devlogs.bench.StreamRows;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.EndpointKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/devlogs bench crowd --dashboard}: signed-in people of a few organisations watching
 * their organisation's shared dashboard ({@link DashboardCrowd}), at each crowd size, with the
 * figures of {@link CrowdReport} per panel route and for signing in, next to the ceiling of the
 * same run (the bare SQL of one project's queries, one at a time, as {@link CrowdBench} prints it).
 *
 * <p>Options ({@code --key=value}): {@code users} (crowd sizes, default {@code 100,1000}), {@code
 * organisations} (10; one project and one dashboard each), {@code seconds} measured per size (60),
 * {@code events-per-project} (20000, loaded once into projects {@code <prefix>-crowd-<i>-<events>}
 * over the 24 hours before the load; {@code reload=true} loads again), {@code prefix} of every id
 * ({@code bench-dashboard}), {@code url}, plus the stack's {@code postgres.*}, {@code clickhouse.*}
 * and {@code cassandra.*} settings.
 */
public final class DashboardCrowdBench {
  private DashboardCrowdBench() {}

  public static void main(String[] args) throws Exception {
    QueryBench.closeIdleConnectionsBeforeClickHouseDoes();
    Settings settings = Settings.fromEnvironment(args);
    List<Integer> crowds = CrowdBench.crowds(settings, "100,1000");
    int organisations = settings.getInt("organisations", 10);
    Duration measured = Duration.ofSeconds(settings.getInt("seconds", 60));
    long events = settings.getInt("events-per-project", 20_000);
    boolean reload = Boolean.parseBoolean(settings.get("reload", "false"));
    String prefix = settings.get("prefix", "bench-dashboard");
    String url = settings.get("url", settings.get(EndpointKeys.QUERY_URL));
    PrintStream out = System.out;

    ClickHouseHttp clickHouse = QueryBench.clickHouse(settings);
    List<String> projectIds = new ArrayList<>();
    List<CrowdPeople.Viewer> viewers;
    try (ProjectsDatabase database = ProjectsDatabase.connect(settings);
        StreamRows cassandra = StreamRows.connect(settings)) {
      BenchStores stores = new BenchStores(clickHouse, cassandra);
      for (int i = 0; i < organisations; i++) {
        BenchData loaded =
            QueryBench.ensureLoaded(
                prefix + "-crowd-" + i + "-" + events,
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
        projectIds.add(loaded.projectId());
      }
      int people = crowds.stream().mapToInt(Integer::intValue).max().orElse(0);
      viewers = CrowdPeople.seed(database, prefix, projectIds, people);
      out.printf(
          "%,d viewers in %d organisations (%s-org-<i>), each organisation one project and one"
              + " shared dashboard: 5 panels (number, series, top, logs, patterns) over the last %s,"
              + " auto-refresh %d s%n",
          people, organisations, prefix, CrowdPeople.RANGE, CrowdPeople.REFRESH_SECONDS);
    }
    CrowdBench.printCeiling(clickHouse, projectIds.get(0), out);

    try (CrowdClients clients = CrowdClients.start()) {
      DashboardCrowd crowd = new DashboardCrowd(clients, url);
      Duration refresh = Duration.ofSeconds(CrowdPeople.REFRESH_SECONDS);
      out.printf(
          "%nsigning in %,d people against %s (load average before: %s), %s...%n",
          viewers.size(),
          url,
          loadAverage(),
          "each a password sign-in, the project chosen and the dashboard loaded");
      DashboardCrowd.SignedIn signedIn = crowd.signIn(viewers);
      List<DashboardCrowd.Session> sessions = signedIn.sessions();
      out.printf(
          "signed in %,d of %,d (session cookie, CSRF token); each crowd below is the first N of"
              + " them%n",
          sessions.size(), viewers.size());
      CrowdReport.header(out);
      for (String step :
          List.of(DashboardCrowd.SIGN_IN, DashboardCrowd.SESSION, DashboardCrowd.DASHBOARD)) {
        CrowdReport.row(
            step, signedIn.samples().stream().filter(s -> s.route().equals(step)).toList(), out);
      }
      try {
        for (int users : crowds) {
          if (users > sessions.size()) {
            out.printf("%ncrowd of %,d skipped: only %,d signed in%n", users, sessions.size());
            continue;
          }
          out.printf(
              "%ncrowd of %,d signed-in users (load average before: %s): %s ramp-up, then %s"
                  + " measured...%n",
              users, loadAverage(), refresh, measured);
          List<DashboardCrowd.Session> crowdSessions = sessions.subList(0, users);
          CrowdRun.Result result =
              CrowdRun.run(
                  users,
                  refresh,
                  measured,
                  (user, samples) -> crowd.refresh(crowdSessions.get(user), samples));
          CrowdReport.print(
              result,
              "on " + organisations + " shared dashboards",
              List.of(
                  "/v1/logs/histogram",
                  "/v1/metrics/series",
                  "/v1/metrics/top",
                  "/v1/logs",
                  "/v1/patterns"),
              out);
          out.printf("load average after: %s%n", loadAverage());
        }
      } finally {
        crowd.signOut(sessions);
      }
    }
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
