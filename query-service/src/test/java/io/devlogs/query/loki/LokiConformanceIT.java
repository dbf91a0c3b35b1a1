package io.devlogs.query.loki;

import static io.devlogs.query.loki.Expected.attr;
import static io.devlogs.query.loki.Expected.labels;
import static io.devlogs.query.loki.Expected.level;
import static io.devlogs.query.loki.Expected.number;
import static io.devlogs.query.loki.LokiApi.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.query.logql.LogqlEvents;
import io.devlogs.query.support.ClickHouseRows;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.query.support.TestProject;
import io.devlogs.query.support.TestProjects;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.devlogs.topics.ParsedEvent;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * LogQL conformance through Loki's HTTP API on the real stack: well over 150 queries (log queries
 * as every selector crossed with every pipeline, metric queries, refusals, injection attempts in
 * every position), each answer compared with one computed in Java from the fixture's events by
 * conditions written here (never by the compiler). A second project's events, written with the same
 * texts, never appear.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class LokiConformanceIT {
  private static final Duration STEP = Duration.ofMinutes(1);

  private final LocalStack stack;
  private final TestProjects projects;
  private LogqlEvents fixture;
  private List<ParsedEvent> events;
  private TestProject project;
  private int queries;

  LokiConformanceIT(LocalStack stack) {
    this.stack = stack;
    this.projects = new TestProjects(stack);
  }

  /** A new app for each test: a Javalin app starts once. */
  private Javalin newApp() {
    return LocalQueryApp.create(stack.settings(), projects.keyStore());
  }

  @BeforeAll
  void seed() {
    project = projects.create("loki-conformance");
    fixture = new LogqlEvents(project.id(), 400, 17);
    fixture.insert(stack.settings());
    events = fixture.events;
    TestProject other = projects.create("loki-conformance-other");
    new LogqlEvents(other.id(), 400, 18).insert(stack.settings());
  }

  @AfterAll
  void report() {
    System.out.println("LokiConformanceIT: " + queries + " LogQL queries checked");
  }

  private Instant start() {
    return fixture.start;
  }

  private Instant end() {
    return fixture.end;
  }

  private void withApi(java.util.function.Consumer<LokiApi> test) {
    JavalinTest.test(
        newApp(), (server, client) -> test.accept(LokiApi.bearer(client, project.queryKey())));
  }

  // ---------------------------------------------------------------- log queries

  private record Case(String logql, Predicate<ParsedEvent> expected) {}

  private static List<Case> selectors() {
    return List.of(
        new Case("{service=\"api\"}", e -> e.service().equals("api")),
        new Case("{service!=\"api\", stream=~\".+\"}", e -> !e.service().equals("api")),
        new Case("{service=~\"w.*\"}", e -> e.service().startsWith("w")),
        new Case("{service=~\"api|web\"}", e -> Set.of("api", "web").contains(e.service())),
        new Case(
            "{service!~\"api|web\", level=~\".+\"}",
            e -> !Set.of("api", "web").contains(e.service())),
        new Case("{level=\"error\"}", e -> level(e).equals("error")),
        new Case("{level=~\"error|fatal\"}", e -> Set.of("error", "fatal").contains(level(e))),
        new Case("{stream=\"deploy\"}", e -> e.stream().equals("deploy")),
        new Case(
            "{stream=\"run-1\", service=\"worker\"}",
            e -> e.stream().equals("run-1") && e.service().equals("worker")),
        new Case("{service=\"o'brien\"}", e -> e.service().equals("o'brien")),
        new Case("{user.id=\"u1\"}", e -> attr(e, "user.id").equals("u1")),
        new Case("{service=~\".+\"}", e -> true));
  }

  private static List<Case> pipelines() {
    Set<String> overOneSecond = Set.of("1.5s", "2m", "1h");
    Set<String> overOneMinute = Set.of("2m", "1h");
    Set<String> overOneKb = Set.of("10KB", "1kib", "2 MB", "3GiB", "1.5mb");
    return List.of(
        new Case("", e -> true),
        new Case(" |= \"error\"", e -> e.message().contains("error")),
        new Case(
            " |= \"Error\" != \"timeout\"",
            e -> e.message().contains("Error") && !e.message().contains("timeout")),
        new Case(" |~ \"request [0-9]+ done$\"", e -> e.message().endsWith(" done")),
        new Case(" !~ \"^error\"", e -> !e.message().startsWith("error")),
        new Case(" | status >= 500", e -> number(e, "status", n -> n >= 500)),
        new Case(" | status = \"abc\"", e -> attr(e, "status").equals("abc")),
        new Case(" | latency > 1s", e -> overOneSecond.contains(attr(e, "latency"))),
        new Case(" | size > 1KB", e -> overOneKb.contains(attr(e, "size"))),
        new Case(" | json | user.id=~\"u[0-9]+\"", e -> attr(e, "user.id").matches("u[0-9]+")),
        new Case(
            " | status >= 500 or latency > 1m",
            e -> number(e, "status", n -> n >= 500) || overOneMinute.contains(attr(e, "latency"))),
        new Case(" |= \"café\"", e -> e.message().contains("café")),
        new Case(" | logfmt | status != 200", e -> number(e, "status", n -> n != 200)));
  }

  private List<String> apiLines(LokiApi api, String logql, int limit, String direction) {
    JsonNode body =
        api.expect(
            200,
            "/loki/api/v1/query_range",
            params(
                "query",
                logql,
                "start",
                Long.toString(Expected.nanos(start())),
                "end",
                Long.toString(Expected.nanos(end().plusSeconds(1))),
                "limit",
                Integer.toString(limit),
                "direction",
                direction,
                "step",
                "60000ms"));
    assertThat(body.path("status").asText()).isEqualTo("success");
    assertThat(body.path("data").path("resultType").asText()).as(logql).isEqualTo("streams");
    List<String> lines = new ArrayList<>();
    for (JsonNode stream : body.path("data").path("result")) {
      for (JsonNode value : stream.path("values")) {
        lines.add(value.get(0).asText() + "|" + value.get(1).asText());
      }
    }
    queries++;
    return lines;
  }

  @Test
  void everySelectorWithEveryPipelineSelectsTheExpectedLines() {
    withApi(
        api -> {
          int discriminating = 0;
          for (Case selector : selectors()) {
            for (Case pipeline : pipelines()) {
              String logql = selector.logql() + pipeline.logql();
              List<String> want =
                  Expected.lines(
                      events,
                      selector.expected().and(pipeline.expected()),
                      start(),
                      end().plusSeconds(1),
                      5000);
              assertThat(apiLines(api, logql, 5000, "backward"))
                  .as(logql)
                  .containsExactlyInAnyOrderElementsOf(want);
              if (!want.isEmpty() && want.size() < events.size()) {
                discriminating++;
              }
            }
          }
          assertThat(discriminating)
              .as("queries selecting some but not all events")
              .isGreaterThan(80);
        });
  }

  @Test
  void limitAndDirectionKeepTheNewestOrTheOldest() {
    withApi(
        api -> {
          List<String> newest =
              Expected.lines(events, e -> e.service().equals("api"), start(), end(), 7);
          List<String> backward = apiLines(api, "{service=\"api\"}", 7, "backward");
          assertThat(backward).containsExactlyInAnyOrderElementsOf(newest);
          List<String> all =
              Expected.lines(events, e -> e.service().equals("api"), start(), end(), 5000);
          List<String> oldest = all.subList(all.size() - 7, all.size());
          assertThat(apiLines(api, "{service=\"api\"}", 7, "FORWARD"))
              .containsExactlyInAnyOrderElementsOf(oldest);
        });
  }

  // ---------------------------------------------------------------- metric queries

  private Map<String, Double> apiMatrix(LokiApi api, String logql) {
    JsonNode body =
        api.expect(
            200,
            "/loki/api/v1/query_range",
            params(
                "query",
                logql,
                "start",
                Long.toString(Expected.nanos(start())),
                "end",
                Long.toString(Expected.nanos(end())),
                "step",
                "60000ms",
                "limit",
                "1000",
                "direction",
                "backward"));
    assertThat(body.path("data").path("resultType").asText()).as(logql).isEqualTo("matrix");
    Map<String, Double> samples = new TreeMap<>();
    for (JsonNode series : body.path("data").path("result")) {
      Map<String, String> labels = new TreeMap<>();
      series
          .path("metric")
          .fields()
          .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
      for (JsonNode point : series.path("values")) {
        samples.put(
            Expected.key(labels, point.get(0).decimalValue().stripTrailingZeros().toPlainString()),
            Double.parseDouble(point.get(1).asText()));
      }
    }
    queries++;
    return samples;
  }

  private Map<String, Double> range(
      Predicate<ParsedEvent> filter,
      Duration range,
      Function<ParsedEvent, Map<String, String>> series,
      Function<List<ParsedEvent>, Double> value) {
    return Expected.metric(events, filter, range, start(), end(), STEP, series, value);
  }

  private static void assertSamples(
      String logql, Map<String, Double> actual, Map<String, Double> expected) {
    assertThat(actual.keySet()).as(logql).isEqualTo(expected.keySet());
    expected.forEach(
        (key, value) ->
            assertThat(actual.get(key))
                .as(logql + " " + key)
                .isCloseTo(
                    value,
                    org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(value)))));
  }

  private static List<Double> statuses(List<ParsedEvent> group) {
    return group.stream().map(e -> number(attr(e, "status"))).toList();
  }

  private static double sum(List<Double> values) {
    return values.stream().mapToDouble(d -> d).sum();
  }

  @Test
  void metricQueriesMatchSlidingWindowsComputedInJava() {
    Predicate<ParsedEvent> all = e -> true;
    Predicate<ParsedEvent> isApi = e -> e.service().equals("api");
    Predicate<ParsedEvent> numericStatus = e -> number(attr(e, "status")) != null;
    Function<ParsedEvent, Map<String, String>> stream = Expected::stream;
    Function<ParsedEvent, Map<String, String>> byService = e -> labels("service", e.service());
    Function<List<ParsedEvent>, Double> count = g -> (double) g.size();
    Duration m5 = Duration.ofMinutes(5);
    Duration m10 = Duration.ofMinutes(10);
    Map<String, Map<String, Double>> cases = new java.util.LinkedHashMap<>();
    cases.put("count_over_time({service=\"api\"}[5m])", range(isApi, m5, stream, count));
    cases.put(
        "count_over_time({service=~\".+\"} |= \"error\" [2m])",
        range(e -> e.message().contains("error"), Duration.ofMinutes(2), stream, count));
    cases.put(
        "rate({service=\"web\"}[1m])",
        range(e -> e.service().equals("web"), Duration.ofMinutes(1), stream, g -> g.size() / 60.0));
    cases.put(
        "bytes_over_time({stream=\"deploy\"}[5m])",
        range(
            e -> e.stream().equals("deploy"),
            m5,
            stream,
            g -> (double) g.stream().mapToInt(Expected::bytes).sum()));
    cases.put(
        "bytes_rate({service=~\".+\"}[5m])",
        range(all, m5, stream, g -> g.stream().mapToInt(Expected::bytes).sum() / 300.0));
    cases.put(
        "sum by (service) (count_over_time({service=~\".+\"}[5m]))",
        range(all, m5, byService, count));
    cases.put(
        "sum by (level) (count_over_time({service=~\".+\"}[5m]))",
        range(all, m5, e -> labels("level", level(e)), count));
    cases.put(
        "sum(rate({service=~\".+\"}[1m]))",
        range(all, Duration.ofMinutes(1), e -> labels(), g -> g.size() / 60.0));
    Map<String, Double> perStream10m = range(all, m10, stream, count);
    Function<Map<String, String>, Map<String, String>> serviceOf =
        l -> labels("service", l.get("service"));
    cases.put(
        "count by (service) (count_over_time({service=~\".+\"}[10m]))",
        Expected.aggregate(perStream10m, serviceOf, v -> (double) v.size()));
    cases.put(
        "max by (service) (count_over_time({service=~\".+\"}[10m]))",
        Expected.aggregate(
            perStream10m, serviceOf, v -> v.stream().mapToDouble(d -> d).max().getAsDouble()));
    cases.put(
        "min by (service) (count_over_time({service=~\".+\"}[10m]))",
        Expected.aggregate(
            perStream10m, serviceOf, v -> v.stream().mapToDouble(d -> d).min().getAsDouble()));
    cases.put(
        "avg by (service) (count_over_time({service=~\".+\"}[10m]))",
        Expected.aggregate(perStream10m, serviceOf, v -> sum(v) / v.size()));
    cases.put(
        "sum without (stream) (count_over_time({service=~\".+\"}[5m]))",
        range(all, m5, e -> labels("level", level(e), "service", e.service()), count));
    cases.put(
        "sum by (service) (sum_over_time({service=~\".+\"} | unwrap status [10m]))",
        range(numericStatus, m10, byService, g -> sum(statuses(g))));
    cases.put(
        "max by (service) (max_over_time({service=~\".+\"} | unwrap status [10m]))",
        range(
            numericStatus,
            m10,
            byService,
            g -> statuses(g).stream().mapToDouble(d -> d).max().getAsDouble()));
    cases.put(
        "min_over_time({service=\"api\"} | unwrap status [10m])",
        range(
            isApi.and(numericStatus),
            m10,
            stream,
            g -> statuses(g).stream().mapToDouble(d -> d).min().getAsDouble()));
    cases.put(
        "avg_over_time({service=\"api\"} | unwrap status [10m])",
        range(isApi.and(numericStatus), m10, stream, g -> sum(statuses(g)) / g.size()));
    cases.put(
        "quantile_over_time(0.5, {service=\"api\"} | unwrap status [10m])",
        range(isApi.and(numericStatus), m10, stream, g -> Expected.quantile(statuses(g), 0.5)));
    cases.put(
        "sum by (user.id) (count_over_time({service=\"api\"}[10m]))",
        range(isApi, m10, e -> labels("user.id", attr(e, "user.id")), count));
    cases.put(
        "sum by (service) (count_over_time({service=~\".+\"} | status >= 500 [10m]))",
        range(e -> number(e, "status", n -> n >= 500), m10, byService, count));
    cases.put(
        "sum by (service) (rate({service=~\".+\"} |~ \"request [0-9]+ done$\" [5m]))",
        range(e -> e.message().endsWith(" done"), m5, byService, g -> g.size() / 300.0));
    cases.put(
        "sum by (service) (count_over_time({service=~\".+\"} | latency > 1s or size > 1KB [10m]))",
        range(
            e ->
                Set.of("1.5s", "2m", "1h").contains(attr(e, "latency"))
                    || Set.of("10KB", "1kib", "2 MB", "3GiB", "1.5mb").contains(attr(e, "size")),
            m10,
            byService,
            count));
    withApi(
        api -> {
          int nonEmpty = 0;
          for (Map.Entry<String, Map<String, Double>> c : cases.entrySet()) {
            assertSamples(c.getKey(), apiMatrix(api, c.getKey()), c.getValue());
            nonEmpty += c.getValue().isEmpty() ? 0 : 1;
          }
          assertThat(nonEmpty).isEqualTo(cases.size());
        });
  }

  @Test
  void topkAndBottomkKeepTheLargestAndSmallestValuesOfEachStep() {
    Map<String, Double> byService =
        range(
            e -> true,
            Duration.ofMinutes(10),
            e -> labels("service", e.service()),
            g -> (double) g.size());
    withApi(
        api -> {
          for (String fn : List.of("topk", "bottomk")) {
            String logql = fn + "(2, sum by (service) (count_over_time({service=~\".+\"}[10m])))";
            Map<String, List<Double>> want = valuesPerStep(byService);
            Map<String, List<Double>> got = valuesPerStep(apiMatrix(api, logql));
            assertThat(got.keySet()).as(logql).isEqualTo(want.keySet());
            want.forEach(
                (at, values) -> {
                  List<Double> sorted = new ArrayList<>(values);
                  sorted.sort(
                      fn.equals("topk")
                          ? java.util.Comparator.reverseOrder()
                          : java.util.Comparator.naturalOrder());
                  assertThat(got.get(at).stream().sorted().toList())
                      .as(logql + "@" + at)
                      .isEqualTo(
                          sorted.subList(0, Math.min(2, sorted.size())).stream().sorted().toList());
                });
          }
        });
  }

  private static Map<String, List<Double>> valuesPerStep(Map<String, Double> samples) {
    Map<String, List<Double>> out = new TreeMap<>();
    samples.forEach(
        (key, value) ->
            out.computeIfAbsent(key.substring(key.lastIndexOf('@') + 1), k -> new ArrayList<>())
                .add(value));
    return out;
  }

  @Test
  void instantQueriesAnswerOneSamplePerSeries() {
    Instant at = end().minusSeconds(30);
    Map<String, Double> want = new TreeMap<>();
    Expected.metric(
            events,
            e -> true,
            Duration.ofMinutes(30),
            at,
            at,
            STEP,
            e -> labels("service", e.service()),
            g -> (double) g.size())
        .forEach(want::put);
    withApi(
        api -> {
          String logql = "sum by (service) (count_over_time({service=~\".+\"}[30m]))";
          JsonNode body =
              api.expect(
                  200,
                  "/loki/api/v1/query",
                  params(
                      "query",
                      logql,
                      "time",
                      Long.toString(Expected.nanos(at)),
                      "limit",
                      "100",
                      "direction",
                      "backward"));
          queries++;
          assertThat(body.path("data").path("resultType").asText()).isEqualTo("vector");
          Map<String, Double> got = new TreeMap<>();
          for (JsonNode sample : body.path("data").path("result")) {
            Map<String, String> labels = new TreeMap<>();
            sample
                .path("metric")
                .fields()
                .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
            got.put(
                Expected.key(
                    labels,
                    sample
                        .path("value")
                        .get(0)
                        .decimalValue()
                        .stripTrailingZeros()
                        .toPlainString()),
                Double.parseDouble(sample.path("value").get(1).asText()));
          }
          assertSamples(logql, got, want);
        });
  }

  // ---------------------------------------------------------------- refusals

  @Test
  void unsupportedOrMalformedQueriesAreRefusedWithAClearError() {
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put("{service=\"api\"", "parse error at line 1");
    refused.put("{service=\"api\"} |= ", "parse error at line 1");
    refused.put("{service!=\"api\"}", "does not match an empty value");
    refused.put("{service=~\".*\"}", "does not match an empty value");
    refused.put("{service=\"api\"} | line_format \"{{.msg}}\"", "line_format");
    refused.put("{service=\"api\"} | label_format a=b", "label_format");
    refused.put("{service=\"api\"} | pattern \"<ip> <_>\"", "pattern");
    refused.put("{service=\"api\"} | regexp \"(?P<x>.)\"", "regexp");
    refused.put("{service=\"api\"} |~ \"(\"", "invalid regular expression");
    refused.put("{service=~\"(?i)api\"}", "parse error");
    refused.put("sum(rate({service=\"api\"}[1m])) / 2", "parse error");
    refused.put("sum_over_time({service=\"api\"}[1m])", "parse error");
    refused.put("count_over_time({service=\"api\"})", "parse error");
    refused.put("absent_over_time({service=\"api\"}[1m])", "absent_over_time");
    refused.put("stddev(count_over_time({service=\"api\"}[1m]))", "stddev");
    refused.put("count_over_time({service=\"api\"}[1m] offset 1h)", "parse error");
    refused.put("{service=\"api\"} | json foo=\"bar\"", "parse error");
    refused.put("SELECT * FROM devlogs.events", "parse error");
    refused.put("", "required");
    refused.put(
        "sum(".repeat(40) + "count_over_time({service=\"api\"}[1m])" + ")".repeat(40),
        "parse error");
    withApi(
        api -> {
          refused.forEach(
              (logql, problem) -> {
                LokiApi.Answer answer =
                    api.get(
                        "/loki/api/v1/query_range",
                        params(
                            "query",
                            logql,
                            "start",
                            Long.toString(Expected.nanos(start())),
                            "end",
                            Long.toString(Expected.nanos(end()))));
                queries++;
                assertThat(answer.status()).as(logql + " " + answer.body()).isEqualTo(400);
                JsonNode body = answer.json();
                assertThat(body.path("status").asText()).isEqualTo("error");
                assertThat(body.path("code").asInt()).isEqualTo(400);
                assertThat(body.path("message").asText()).as(logql).contains(problem);
              });
          // Longer than the parser takes: sent as a form, past the URL's size.
          LokiApi.Answer huge =
              api.post(
                  "/loki/api/v1/query_range",
                  params("query", "{service=\"" + "a".repeat(20_000) + "\"}"));
          queries++;
          assertThat(huge.status()).isEqualTo(400);
          assertThat(huge.json().path("message").asText()).isNotBlank();
          // An instant log query, as Loki 2.9 and later refuse it.
          LokiApi.Answer instantLog =
              api.get("/loki/api/v1/query", params("query", "{service=\"api\"}"));
          queries++;
          assertThat(instantLog.status()).isEqualTo(400);
          assertThat(instantLog.json().path("message").asText())
              .contains("log queries are not supported");
        });
  }

  // ---------------------------------------------------------------- injection

  @Test
  void injectionAttemptsInEveryPositionAreRefusedOrMatchLiterally() {
    String hostileUser = LogqlEvents.USERS.get(4);
    Map<String, Predicate<ParsedEvent>> literal = new java.util.LinkedHashMap<>();
    literal.put("{service=\"x') OR 1=1 OR ('\"}", e -> false);
    literal.put("{service=\"api' OR service != '\"}", e -> false);
    literal.put("{user.id=\"" + hostileUser + "\"}", e -> attr(e, "user.id").equals(hostileUser));
    literal.put("{service=~\"api'.*OR 1=1.*\"}", e -> false);
    literal.put(
        "{service=\"api\"} |= \"' OR 1=1 --\"",
        e -> e.service().equals("api") && e.message().contains("' OR 1=1 --"));
    literal.put("{service=\"api\"} |= \"\\\\'; SELECT 1; --\"", e -> false);
    literal.put(
        "{service=\"api\"} |~ \"' OR 1=1 --\"",
        e -> e.service().equals("api") && e.message().contains("' OR 1=1 --"));
    literal.put("{service=\"api\"} | status = \"' OR ''='\"", e -> false);
    literal.put(
        "{service=\"api\"} | user.id = \"" + hostileUser + "\"",
        e -> e.service().equals("api") && attr(e, "user.id").equals(hostileUser));
    literal.put(
        "{service=\"api\"} | user.id =~ \"x'.*\"",
        e -> e.service().equals("api") && attr(e, "user.id").startsWith("x'"));
    literal.put(
        "{service=\"o'brien\"} != \"`\"",
        e -> e.service().equals("o'brien") && !e.message().contains("`"));
    List<String> refusedQueries =
        List.of(
            "{service=\"api\"} | status > 1 OR 1=1",
            // An unbalanced regular expression is refused, never run.
            "{service=~\"api') OR 1=1 OR match(service, '\"}",
            "{service=\"api\"} | status > 1; DROP TABLE devlogs.events",
            "{service=\"api'); DROP TABLE devlogs.events; --}",
            "{`service`=\"api\"}",
            "{service=\"api\"} | x' = \"1\"",
            "count_over_time({service=\"api\"}[1m) OR 1=1 --])",
            "sum by (service, `level`) (count_over_time({service=\"api\"}[1m]))",
            "sum by (service) (count_over_time({service=\"api\"} | unwrap status') [1m]))",
            "topk(1 OR 1=1, count_over_time({service=\"api\"}[1m]))",
            "quantile_over_time(0.5') OR (1, {service=\"api\"} | unwrap status [1m])");
    withApi(
        api -> {
          literal.forEach(
              (logql, expected) -> {
                assertThat(apiLines(api, logql, 5000, "backward"))
                    .as(logql)
                    .containsExactlyInAnyOrderElementsOf(
                        Expected.lines(events, expected, start(), end().plusSeconds(1), 5000));
              });
          for (String logql : refusedQueries) {
            LokiApi.Answer answer = api.get("/loki/api/v1/query_range", params("query", logql));
            queries++;
            assertThat(answer.status()).as(logql).isEqualTo(400);
            assertThat(answer.json().path("message").asText()).as(logql).contains("parse error");
          }
          // Parameters and paths besides the query.
          String hostile = "1' OR 1=1 --";
          for (String parameter :
              List.of("start", "end", "step", "limit", "direction", "since", "time")) {
            LokiApi.Answer answer =
                api.get(
                    "/loki/api/v1/query_range",
                    params("query", "{service=\"api\"}", parameter, hostile));
            if (!parameter.equals("time")) {
              assertThat(answer.status()).as(parameter).isEqualTo(400);
              assertThat(answer.json().path("message").asText())
                  .contains("parameter '" + parameter + "'");
            }
          }
          JsonNode values =
              api.expect(
                  200,
                  "/loki/api/v1/label/"
                      + LokiApi.encode(Map.of("x", "x' OR 1=1 --")).substring(2)
                      + "/values",
                  params(
                      "start",
                      Long.toString(Expected.nanos(start())),
                      "end",
                      Long.toString(Expected.nanos(end()))));
          assertThat(values.path("data").size()).isZero();
          JsonNode users =
              api.expect(
                  200,
                  "/loki/api/v1/label/user.id/values",
                  params(
                      "query",
                      "{service=~\".+\"}",
                      "start",
                      Long.toString(Expected.nanos(start())),
                      "end",
                      Long.toString(Expected.nanos(end().plusSeconds(1)))));
          List<String> userValues = new ArrayList<>();
          users.path("data").forEach(v -> userValues.add(v.asText()));
          assertThat(userValues)
              .containsExactlyInAnyOrderElementsOf(
                  events.stream()
                      .map(e -> attr(e, "user.id"))
                      .filter(v -> !v.isEmpty())
                      .distinct()
                      .toList());
          JsonNode series =
              api.expect(
                  200,
                  "/loki/api/v1/series",
                  params(
                      "match[]",
                      "{service=\"x') OR 1=1 --\"}",
                      "start",
                      Long.toString(Expected.nanos(start())),
                      "end",
                      Long.toString(Expected.nanos(end()))));
          assertThat(series.path("data").size()).isZero();
        });
    assertThat(
            Long.parseLong(
                new ClickHouseRows(stack.settings())
                    .query(
                        "SELECT count() FROM devlogs.events WHERE project = '" + project.id() + "'")
                    .strip()))
        .isEqualTo(events.size());
  }
}
