package io.devlogs.bench.query;

import com.datastax.oss.driver.api.core.CqlSession;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.logs.EventSql;
import io.devlogs.query.logs.HistogramStep;
import io.devlogs.query.logs.LogQuery;
import io.devlogs.query.logs.LogSearchRequest;
import io.devlogs.query.metrics.ClickHouseWindowTotals;
import io.devlogs.query.metrics.Granularity;
import io.devlogs.query.metrics.SeriesRequest;
import io.devlogs.query.metrics.WindowQuery;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * One query of the benchmark: a request of the query API (per the issue 5 contract) and, for
 * context, its ceiling measured in the same run: the equivalent SQL straight to ClickHouse over
 * HTTP, or the raw Cassandra partition read.
 *
 * @param name what is measured
 * @param api the API request
 * @param ceilingName what the ceiling is
 * @param ceiling the ceiling request
 */
record QueryCase(String name, Probe api, String ceilingName, Probe ceiling) {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofHours(24);
  private static final int SEARCH_LIMIT = 100;
  private static final int STREAM_LIMIT = 1000;
  private static final int HISTOGRAM_BUCKETS = 60;

  /**
   * Words of the generated messages. Common: in a large share of them. Rare: a user id or a SKU
   * that a given hour holds a handful of times or not at all, so the whole hour is scanned.
   */
  static final List<String> COMMON_TERMS = List.of("ms", "GET", "processed", "heartbeat");

  static String rareTerm(int run) {
    return run % 2 == 0
        ? "u_" + (1000 + Math.floorMod(run * 7919, 90_000))
        : "SKU-" + (1000 + Math.floorMod(run * 739, 9000));
  }

  /** The benchmark's queries over a data set. */
  static List<QueryCase> all(
      BenchData data,
      HttpClient http,
      String baseUrl,
      String key,
      ClickHouseHttp clickHouse,
      CqlSession cassandra,
      String keyspace) {
    String project = BenchStores.checkedProjectId(data.projectId());
    List<QueryCase> cases = new ArrayList<>();
    for (boolean rare : new boolean[] {false, true}) {
      IntFunction<String> term = run -> rare ? rareTerm(run) : COMMON_TERMS.get(run % 4);
      cases.add(
          new QueryCase(
              "search q, 1 h, limit 100, " + (rare ? "rare term" : "common term"),
              new ApiProbe(
                  http,
                  baseUrl,
                  key,
                  run ->
                      "/v1/logs?q="
                          + encode(term.apply(run))
                          + range(searchHour(data, run))
                          + "&limit="
                          + SEARCH_LIMIT,
                  answer -> ApiProbe.arraySize(answer, "events")),
              "the service's search SQL on ClickHouse",
              new ClickHouseProbe(
                  clickHouse, run -> searchSql(project, searchHour(data, run), term.apply(run)))));
    }
    for (Granularity granularity : List.of(Granularity.HOUR, Granularity.MINUTE)) {
      cases.add(
          new QueryCase(
              "metrics series 24 h, granularity=" + granularity.label(),
              new ApiProbe(
                  http,
                  baseUrl,
                  key,
                  run ->
                      "/v1/metrics/series?granularity="
                          + granularity.label()
                          + range(lastDay(data, run)),
                  ApiProbe::seriesPoints),
              "the service's window rollup SQL on ClickHouse",
              new ClickHouseProbe(
                  clickHouse, run -> rollupSql(project, lastDay(data, run), granularity))));
    }
    cases.add(
        new QueryCase(
            "histogram 24 h (60 buckets)",
            new ApiProbe(
                http,
                baseUrl,
                key,
                run ->
                    "/v1/logs/histogram?buckets=" + HISTOGRAM_BUCKETS + range(lastDay(data, run)),
                answer -> ApiProbe.arraySize(answer, "buckets")),
            "the service's histogram SQL (30 min) on ClickHouse",
            new ClickHouseProbe(clickHouse, run -> histogramSql(project, lastDay(data, run)))));
    // LogQL, through Loki's read API and through the dashboard's routes, each next to today's
    // equivalent route as the reference (issue 17: within 1.5x of it).
    IntFunction<String> commonTerm = run -> COMMON_TERMS.get(run % 4);
    IntFunction<String> lineFilter =
        run -> encode("{service=~\".+\"} |= \"" + commonTerm.apply(run) + "\"");
    String rate = encode("sum by (service) (rate({service=~\".+\"}[1m]))");
    Probe search =
        new ApiProbe(
            http,
            baseUrl,
            key,
            run ->
                "/v1/logs?q="
                    + encode(commonTerm.apply(run))
                    + range(searchHour(data, run))
                    + "&limit="
                    + SEARCH_LIMIT,
            answer -> ApiProbe.arraySize(answer, "events"));
    Probe metrics =
        new ApiProbe(
            http,
            baseUrl,
            key,
            run -> "/v1/metrics/series?granularity=minute" + range(lastDay(data, run)),
            ApiProbe::seriesPoints);
    cases.add(
        new QueryCase(
            "LogQL line filter, 1 h, limit 100 (Loki query_range)",
            new ApiProbe(
                http,
                baseUrl,
                key,
                run ->
                    "/loki/api/v1/query_range?query="
                        + lineFilter.apply(run)
                        + lokiRange(searchHour(data, run))
                        + "&limit="
                        + SEARCH_LIMIT
                        + "&direction=backward",
                ApiProbe::lokiEntries),
            "today's search route, GET /v1/logs?q=",
            search));
    cases.add(
        new QueryCase(
            "LogQL line filter, 1 h, limit 100 (dashboard GET /v1/logs?q={...})",
            new ApiProbe(
                http,
                baseUrl,
                key,
                run ->
                    "/v1/logs?q="
                        + lineFilter.apply(run)
                        + range(searchHour(data, run))
                        + "&limit="
                        + SEARCH_LIMIT,
                answer -> ApiProbe.arraySize(answer, "events")),
            "today's search route, GET /v1/logs?q=",
            search));
    cases.add(
        new QueryCase(
            "LogQL sum by (service) (rate([1m])), 24 h, step 1 m (Loki query_range)",
            new ApiProbe(
                http,
                baseUrl,
                key,
                run ->
                    "/loki/api/v1/query_range?query="
                        + rate
                        + lokiRange(stepAligned(lastDay(data, run)))
                        + "&step=60",
                ApiProbe::lokiPoints),
            "today's metrics route, GET /v1/metrics/series?granularity=minute",
            metrics));
    cases.add(
        new QueryCase(
            "LogQL sum by (service) (rate([1m])), 24 h, step 1 m (dashboard GET /v1/logql/series)",
            new ApiProbe(
                http,
                baseUrl,
                key,
                run -> "/v1/logql/series?query=" + rate + range(lastDay(data, run)) + "&step=60",
                ApiProbe::seriesPoints),
            "today's metrics route, GET /v1/metrics/series?granularity=minute",
            metrics));
    IntFunction<String> stream = run -> data.streams().get(run % data.streams().size());
    cases.add(
        new QueryCase(
            "stream by name, limit 1000",
            new ApiProbe(
                http,
                baseUrl,
                key,
                run ->
                    "/v1/streams/"
                        + encode(stream.apply(run)).replace("+", "%20")
                        + "?limit="
                        + STREAM_LIMIT
                        + range(new Instant[] {data.from(), data.to()}),
                answer -> ApiProbe.arraySize(answer, "events")),
            "Cassandra partition reads",
            new CassandraProbe(cassandra, keyspace, project, days(data), stream, STREAM_LIMIT)));
    return cases;
  }

  /** A one-hour window inside the data, a different hour for consecutive runs. */
  static Instant[] searchHour(BenchData data, int run) {
    long hours = Math.max(1, Duration.between(data.from(), data.to()).toHours());
    Instant from = data.from().plus(HOUR.multipliedBy(Math.floorMod(run * 5L, hours)));
    return new Instant[] {from, from.plus(HOUR)};
  }

  /** A 24-hour window ending at the data's end, moved back by 0..50 minutes from run to run. */
  static Instant[] lastDay(BenchData data, int run) {
    Instant to = data.to().minus(Duration.ofMinutes(10L * (run % 6)));
    return new Instant[] {to.minus(DAY), to};
  }

  /**
   * A range with its start rounded down to a whole minute, the step of the metric cases, as Grafana
   * aligns a range to its step (the dashboard's route aligns it itself).
   */
  static Instant[] stepAligned(Instant[] range) {
    return new Instant[] {range[0].truncatedTo(java.time.temporal.ChronoUnit.MINUTES), range[1]};
  }

  /**
   * The query service's own statement for {@code GET /v1/logs?q=term} over {@code range}: the
   * request parsed by the route's {@code LogQuery}, written by its {@code EventSql} (no {@code q}
   * when {@code term} is blank).
   */
  static String searchSql(String project, Instant[] range, String term) {
    RequestParams params = term.isBlank() ? params(range) : params(range, "q", term);
    LogSearchRequest request =
        new LogSearchRequest(LogQuery.parse(params, range[1]), SEARCH_LIMIT, Optional.empty());
    return ClickHouseReader.boundSql(EventSql.searchPage(project, request));
  }

  /**
   * {@code from} and {@code to} of {@code range}, then the name and value pairs of {@code more}.
   */
  private static RequestParams params(Instant[] range, String... more) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    values.put("from", List.of(range[0].toString()));
    values.put("to", List.of(range[1].toString()));
    for (int i = 0; i < more.length; i += 2) {
      values.put(more[i], List.of(more[i + 1]));
    }
    return new RequestParams(values);
  }

  /**
   * The query service's own statement for {@code GET /v1/metrics/series} over {@code range} at
   * {@code granularity}: the request parsed by the route's {@code SeriesRequest}, read by its
   * {@code ClickHouseWindowTotals}.
   */
  static String rollupSql(String project, Instant[] range, Granularity granularity) {
    SeriesRequest request =
        SeriesRequest.parse(params(range, "granularity", granularity.label()), range[1]);
    return ClickHouseReader.boundSql(
        ClickHouseWindowTotals.toSql(project, WindowQuery.of(request)));
  }

  /**
   * The query service's own statement for {@code GET /v1/logs/histogram?buckets=60} over {@code
   * range}: the route's {@code LogQuery}, {@code HistogramStep} and {@code EventSql}.
   */
  static String histogramSql(String project, Instant[] range) {
    LogQuery query = LogQuery.parse(params(range), range[1]);
    Duration step = HistogramStep.choose(query.range().length(), HISTOGRAM_BUCKETS);
    return ClickHouseReader.boundSql(EventSql.histogram(project, query, step.toSeconds()));
  }

  private static List<LocalDate> days(BenchData data) {
    List<LocalDate> days = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(data.to(), ZoneOffset.UTC);
    for (LocalDate d = LocalDate.ofInstant(data.from(), ZoneOffset.UTC);
        !d.isAfter(last);
        d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  /** Loki's {@code start} and {@code end} in Unix nanoseconds. */
  private static String lokiRange(Instant[] range) {
    return "&start="
        + (range[0].getEpochSecond() * 1_000_000_000L + range[0].getNano())
        + "&end="
        + (range[1].getEpochSecond() * 1_000_000_000L + range[1].getNano());
  }

  private static String range(Instant[] range) {
    return "&from=" + encode(range[0].toString()) + "&to=" + encode(range[1].toString());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
