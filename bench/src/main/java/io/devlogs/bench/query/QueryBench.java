package io.devlogs.bench.query;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import io.devlogs.bench.StreamRows;
import io.devlogs.flink.config.ClickHouseOptions;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.EndpointKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * {@code bin/devlogs bench query}: makes sure a project {@code bench-query-<events>} holds a
 * complete generated data set of {@code events} events over the last 24 hours (loading it straight
 * into the stores with {@link BenchLoader} when it does not, or with {@code --reload}), then
 * measures the query API on it ({@link QueryCase}, {@link BenchRunner}) and prints the table.
 *
 * <p>Options ({@code --key=value}): {@code events} (required), {@code url} (the query service,
 * default {@code http://127.0.0.1:18090}), {@code warmups} (5), {@code runs} (50), {@code streams}
 * (Cassandra streams to load, 200), {@code seed} (1), {@code reload} (false), {@code partial}
 * (false: measure a project whose load stopped part-way as it is, see {@link #ensureLoaded}),
 * {@code only} (run only the queries whose name contains it, e.g. {@code metrics}), {@code
 * results-file} (a TSV file the figures are appended to), plus the stack's {@code postgres.*},
 * {@code clickhouse.*} and {@code cassandra.*} settings.
 */
public final class QueryBench {

  static final Duration SPAN = Duration.ofHours(24);

  private QueryBench() {}

  public static void main(String[] args) throws Exception {
    closeIdleConnectionsBeforeClickHouseDoes();
    Settings settings = Settings.fromEnvironment(args);
    long events = positive(settings, "events", -1);
    int warmups = settings.getInt("warmups", 5);
    int runs = settings.getInt("runs", 50);
    int streams = (int) positive(settings, "streams", 200);
    long seed = settings.getInt("seed", 1);
    boolean reload = Boolean.parseBoolean(settings.get("reload", "false"));
    boolean partial = Boolean.parseBoolean(settings.get("partial", "false"));
    // --url: the launcher's name for it; the registry's query.url otherwise.
    String url = settings.get("url", settings.get(EndpointKeys.QUERY_URL));
    PrintStream out = System.out;

    ClickHouseHttp clickHouse = clickHouse(settings);
    String keyspace = StreamRows.keyspace(settings);
    ProjectsDatabase database = ProjectsDatabase.connect(settings);
    try (StreamRows cassandra = StreamRows.connect(settings)) {
      BenchStores stores = new BenchStores(clickHouse, cassandra);
      BenchData data =
          ensureLoaded(
              new ProjectStore(database),
              stores,
              cassandra,
              clickHouse,
              events,
              streams,
              seed,
              reload,
              partial,
              out);
      String key = new ApiKeyStore(database).issueKey(data.projectId(), Scope.QUERY);
      out.printf(
          "measuring %s: %d warm-up and %d measured requests per query, one at a time%n",
          url, warmups, runs);
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      List<QueryCase> cases =
          QueryCase.all(
              data,
              http,
              url,
              key,
              clickHouse,
              cassandra.session(),
              CqlIdentifier.fromInternal(keyspace).asCql(true));
      String only = settings.get("only", "");
      cases = cases.stream().filter(c -> c.name().contains(only)).toList();
      if (cases.isEmpty()) {
        throw new IllegalArgumentException("--only=" + only + " matches no query");
      }
      List<BenchRunner.Result> results = new BenchRunner(warmups, runs, out).run(cases);
      out.printf(
          "%nbench query: %,d events of project %s (%s .. %s)%s, %d Cassandra streams; %s;"
              + " %d measured requests per query after %d warm-up requests, each with"
              + " Cache-Control: no-cache%n",
          data.events(),
          data.projectId(),
          data.from(),
          data.to(),
          data.events() == events ? "" : String.format(" (partial: %,d asked for)", events),
          data.streams().size(),
          url,
          runs,
          warmups);
      BenchRunner.report(results, out);
      String resultsFile = settings.get("results-file", null);
      if (resultsFile != null) {
        appendTsv(Path.of(resultsFile), data, results);
      }
    }
  }

  /** The data set of {@code bench-query-<events>}, loaded first when it is missing or partial. */
  static BenchData ensureLoaded(
      ProjectStore projects,
      BenchStores stores,
      StreamRows cassandra,
      ClickHouseHttp clickHouse,
      long events,
      int streams,
      long seed,
      boolean reload,
      boolean partial,
      PrintStream out)
      throws IOException, InterruptedException {
    return ensureLoaded(
        "bench-query-" + events,
        projects,
        stores,
        cassandra,
        clickHouse,
        events,
        streams,
        seed,
        reload,
        partial,
        out);
  }

  /**
   * The data set of the project {@code name}: {@code events} events over the 24 hours before it was
   * loaded, loaded first when it is missing or partial, or with {@code reload}. With {@code
   * partial}, a load that stopped part-way is measured as it is (its windows written first when the
   * load stopped before them) instead of being loaded again.
   */
  static BenchData ensureLoaded(
      String name,
      ProjectStore projects,
      BenchStores stores,
      StreamRows cassandra,
      ClickHouseHttp clickHouse,
      long events,
      int streams,
      long seed,
      boolean reload,
      boolean partial,
      PrintStream out)
      throws IOException, InterruptedException {
    Project project =
        projects.findProjectByName(name).orElseGet(() -> projects.createProject(name));
    Optional<BenchData> present = stores.present(project.id(), streams);
    if (present.isPresent() && !reload && stores.complete(present.get(), events)) {
      out.printf(
          "reusing project %s (%s): %,d events already loaded (--reload to load again)%n",
          project.id(), name, events);
      return present.get();
    }
    if (present.isPresent() && !reload && partial && present.get().events() < events) {
      return measuredAsItIs(stores, clickHouse, cassandra, present.get(), events, seed, out);
    }
    if (present.isPresent()) {
      out.printf(
          "deleting the %,d events project %s holds (%s)%n",
          present.get().events(), project.id(), reload ? "--reload" : "an unfinished load");
      stores.delete(present.get());
    }
    Instant until = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    out.printf(
        "loading %,d events over %s .. %s into project %s (%s)%n",
        events, until.minus(SPAN), until, project.id(), name);
    new BenchLoader(clickHouse, cassandra, out)
        .load(project.id(), events, until, SPAN, seed, streams);
    BenchData loaded =
        stores
            .present(project.id(), streams)
            .orElseThrow(() -> new IllegalStateException("ClickHouse holds none of the events"));
    if (!stores.complete(loaded, events)) {
      throw new IllegalStateException(
          "after the load ClickHouse holds "
              + loaded.events()
              + " events and window totals of "
              + stores.windowEvents(project.id())
              + ", expected "
              + events);
    }
    return loaded;
  }

  /**
   * A data set whose load stopped part-way (the first {@code data.events()} of {@code events}),
   * with the windows of exactly those events, written when they are missing.
   */
  private static BenchData measuredAsItIs(
      BenchStores stores,
      ClickHouseHttp clickHouse,
      StreamRows cassandra,
      BenchData data,
      long events,
      long seed,
      PrintStream out)
      throws IOException, InterruptedException {
    out.printf(
        "--partial: project %s holds %,d of the %,d events asked for; measuring them as they are%n",
        data.projectId(), data.events(), events);
    long windowEvents = stores.windowEvents(data.projectId());
    if (windowEvents != data.events()) {
      if (windowEvents != 0) {
        throw new IllegalStateException(
            "the project's windows count "
                + windowEvents
                + " events, neither none nor its "
                + data.events()
                + ": --reload instead");
      }
      // The load began its 24 hours at the minute of its first event (BenchData.from).
      new BenchLoader(clickHouse, cassandra, out)
          .loadWindows(data.projectId(), events, data.events(), data.from().plus(SPAN), SPAN, seed);
      long written = stores.windowEvents(data.projectId());
      if (written != data.events()) {
        throw new IllegalStateException(
            "the windows written count " + written + " events, not " + data.events());
      }
    }
    return data;
  }

  /**
   * ClickHouse closes an idle HTTP connection after its {@code keep_alive_timeout} (3 s on the
   * local stack), the JDK client keeps one for 1,200 s: an insert that follows more than 3 s of
   * generating reused a dead connection and failed with "Broken pipe". Must run before the first
   * {@link HttpClient} is used.
   */
  static void closeIdleConnectionsBeforeClickHouseDoes() {
    System.setProperty("jdk.httpclient.keepalive.timeout", "2");
  }

  static ClickHouseHttp clickHouse(Settings settings) {
    return new ClickHouseHttp(ClickHouseOptions.from(settings).endpoint(), Duration.ofMinutes(5));
  }

  private static void appendTsv(Path file, BenchData data, List<BenchRunner.Result> results)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    if (!Files.exists(file)) {
      sb.append("at\tevents\tquery\tapi_p50_ms\tapi_p95_ms\tapi_max_ms\tapi_failures")
          .append("\tceiling_p50_ms\tceiling_p95_ms\n");
    }
    String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    for (BenchRunner.Result r : results) {
      sb.append(
          String.join(
              "\t",
              at,
              Long.toString(data.events()),
              r.query().name(),
              millis(r.api(), 0.5),
              millis(r.api(), 0.95),
              millis(r.api(), 1.0),
              Integer.toString(r.api().failures()),
              millis(r.ceiling(), 0.5),
              millis(r.ceiling(), 0.95)));
      sb.append('\n');
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, sb, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String millis(Timings t, double q) {
    return t.anySucceeded() ? String.format("%.1f", t.millis(q)) : "";
  }

  private static long positive(Settings settings, String key, long defaultValue) {
    String value = settings.get(key, defaultValue < 0 ? null : Long.toString(defaultValue));
    long n;
    try {
      n = value == null ? -1 : Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1) {
      throw new IllegalArgumentException(
          "--" + key + " must be a positive number, got " + (value == null ? "nothing" : value));
    }
    return n;
  }
}
