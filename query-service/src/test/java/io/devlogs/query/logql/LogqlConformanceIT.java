package io.devlogs.query.logql;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.logql.LogqlAst.LogExpr;
import io.devlogs.query.logql.LogqlAst.MetricExpr;
import io.devlogs.query.records.TimeRange;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.devlogs.topics.ParsedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LogQL compiled to SQL and run on the stack's ClickHouse (18.16), against the same events filtered
 * in memory: by conditions written here by hand (independent of the compiler), and by {@link
 * EventPredicate} (so live tail matches what search matches).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class LogqlConformanceIT {
  private final LocalStack stack;
  private LogqlEvents events;
  private ClickHouseReader reader;

  LogqlConformanceIT(LocalStack stack) {
    this.stack = stack;
  }

  @BeforeAll
  void seed() {
    events = new LogqlEvents(stack.uniqueName("logql-conformance"), 400, 17);
    events.insert(stack.settings());
    reader = LogqlEvents.reader(stack.settings());
  }

  private Set<String> sqlIds(String query) {
    LogExpr expr = (LogExpr) LogqlParser.parse(query);
    return new TreeSet<>(
        reader.list(
            LogqlSql.logs(
                events.projectId,
                expr,
                new TimeRange(events.start, events.end),
                10_000,
                LogqlSql.Direction.BACKWARD),
            10_000,
            row -> row.getString("event_id")));
  }

  private Set<String> ids(Predicate<ParsedEvent> predicate) {
    return events.events.stream()
        .filter(predicate)
        .map(ParsedEvent::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String attr(ParsedEvent e, String key) {
    return e.attributes().getOrDefault(key, "");
  }

  private static boolean number(String s, Predicate<Double> test) {
    return s.matches("-?[0-9]+(\\.[0-9]+)?") && test.test(Double.parseDouble(s));
  }

  Stream<Arguments> handWritten() {
    return Stream.of(
        Arguments.of("{service=\"api\"}", (Predicate<ParsedEvent>) e -> e.service().equals("api")),
        Arguments.of(
            "{service=~\".+\", service!=\"api\"}",
            (Predicate<ParsedEvent>) e -> !e.service().equals("api")),
        Arguments.of(
            "{service=\"o'brien\"}", (Predicate<ParsedEvent>) e -> e.service().equals("o'brien")),
        Arguments.of(
            "{service=~\"w.*\"}", (Predicate<ParsedEvent>) e -> e.service().startsWith("w")),
        Arguments.of("{service=~\"ap\"}", (Predicate<ParsedEvent>) e -> false),
        Arguments.of(
            "{service=~\".+\", service!~\"api|web\"}",
            (Predicate<ParsedEvent>) e -> !Set.of("api", "web").contains(e.service())),
        Arguments.of("{level=\"error\"}", (Predicate<ParsedEvent>) e -> e.level() == Level.ERROR),
        Arguments.of("{level=\"ERROR\"}", (Predicate<ParsedEvent>) e -> false),
        Arguments.of(
            "{level=~\"error|fatal\"}",
            (Predicate<ParsedEvent>) e -> e.level() == Level.ERROR || e.level() == Level.FATAL),
        Arguments.of(
            "{stream=\"deploy\", service=\"web\"}",
            (Predicate<ParsedEvent>) e -> e.stream().equals("deploy") && e.service().equals("web")),
        Arguments.of(
            "{user.id=\"u1\"}", (Predicate<ParsedEvent>) e -> attr(e, "user.id").equals("u1")),
        Arguments.of(
            "{user.id=\"x'; DROP TABLE devlogs.events; --\"}",
            (Predicate<ParsedEvent>) e -> attr(e, "user.id").startsWith("x';")),
        Arguments.of(
            "{service=~\".+\", user.id=\"\"}",
            (Predicate<ParsedEvent>) e -> attr(e, "user.id").isEmpty()),
        Arguments.of(
            "{service=~\".+\"} |= \"error\"",
            (Predicate<ParsedEvent>) e -> e.message().contains("error")),
        Arguments.of(
            "{service=~\".+\"} |= \"Error\" != \"timeout\"",
            (Predicate<ParsedEvent>)
                e -> e.message().contains("Error") && !e.message().contains("timeout")),
        Arguments.of(
            "{service=~\".+\"} |= \"café\"",
            (Predicate<ParsedEvent>) e -> e.message().contains("café")),
        Arguments.of(
            "{service=~\".+\"} |= \"a\\\"b\"",
            (Predicate<ParsedEvent>) e -> e.message().contains("a\"b")),
        Arguments.of(
            "{service=~\".+\"} |= `back\\slash`",
            (Predicate<ParsedEvent>) e -> e.message().contains("back\\slash")),
        Arguments.of(
            "{service=~\".+\"} |= \"' OR 1=1 --\"",
            (Predicate<ParsedEvent>) e -> e.message().contains("' OR 1=1 --")),
        Arguments.of(
            "{service=~\".+\"} |= \"%\"", (Predicate<ParsedEvent>) e -> e.message().contains("%")),
        Arguments.of(
            "{service=~\".+\"} |= \"_\"", (Predicate<ParsedEvent>) e -> e.message().contains("_")),
        Arguments.of("{service=~\".+\"} |~ \"line.break\"", (Predicate<ParsedEvent>) e -> false),
        Arguments.of(
            "{service=~\".+\"} |~ \"line\\nbreak\"",
            (Predicate<ParsedEvent>) e -> e.message().contains("line\nbreak")),
        Arguments.of(
            "{service=~\".+\"} |~ \"request [0-9]+ done$\"",
            (Predicate<ParsedEvent>) e -> e.message().endsWith(" done")),
        Arguments.of(
            "{service=~\".+\"} !~ \"^error\"",
            (Predicate<ParsedEvent>) e -> !e.message().startsWith("error")),
        Arguments.of(
            "{service=~\".+\"} | status >= 500",
            (Predicate<ParsedEvent>) e -> number(attr(e, "status"), n -> n >= 500)),
        Arguments.of(
            "{service=~\".+\"} | status == 7",
            (Predicate<ParsedEvent>) e -> attr(e, "status").equals("007")),
        Arguments.of(
            "{service=~\".+\"} | status < 0",
            (Predicate<ParsedEvent>) e -> attr(e, "status").equals("-3")),
        Arguments.of(
            "{service=~\".+\"} | status != 200",
            (Predicate<ParsedEvent>) e -> number(attr(e, "status"), n -> n != 200)),
        Arguments.of(
            "{service=~\".+\"} | status = \"abc\"",
            (Predicate<ParsedEvent>) e -> attr(e, "status").equals("abc")),
        Arguments.of(
            "{service=~\".+\"} | status =~ \"5..\"",
            (Predicate<ParsedEvent>) e -> attr(e, "status").matches("5..")),
        Arguments.of(
            "{service=~\".+\"} | latency > 1s",
            (Predicate<ParsedEvent>) e -> Set.of("1.5s", "2m", "1h").contains(attr(e, "latency"))),
        Arguments.of(
            "{service=~\".+\"} | latency <= 250ms",
            (Predicate<ParsedEvent>)
                e -> Set.of("250ms", "100us", "0.5ms").contains(attr(e, "latency"))),
        Arguments.of(
            "{service=~\".+\"} | size > 1KB",
            (Predicate<ParsedEvent>)
                e -> Set.of("10KB", "1kib", "2 MB", "3GiB", "1.5mb").contains(attr(e, "size"))),
        Arguments.of(
            "{service=~\".+\"} | size <= 512B",
            (Predicate<ParsedEvent>) e -> Set.of("512", "0b").contains(attr(e, "size"))),
        Arguments.of(
            "{service=\"api\"} | status >= 500 or latency > 1m and size > 1MB",
            (Predicate<ParsedEvent>)
                e ->
                    e.service().equals("api")
                        && (number(attr(e, "status"), n -> n >= 500)
                            || (Set.of("2m", "1h").contains(attr(e, "latency"))
                                && Set.of("2 MB", "3GiB", "1.5mb").contains(attr(e, "size"))))),
        Arguments.of(
            "{service=\"api\"} | (status >= 500 or latency > 1m) and size > 1MB",
            (Predicate<ParsedEvent>)
                e ->
                    e.service().equals("api")
                        && (number(attr(e, "status"), n -> n >= 500)
                            || Set.of("2m", "1h").contains(attr(e, "latency")))
                        && Set.of("2 MB", "3GiB", "1.5mb").contains(attr(e, "size"))),
        Arguments.of(
            "{service=~\".+\"} | json | user.id=~\"u[0-9]+\", status=\"200\"",
            (Predicate<ParsedEvent>)
                e -> attr(e, "user.id").matches("u[0-9]+") && attr(e, "status").equals("200")),
        Arguments.of(
            "{service=~\".+\"} | logfmt | __error__=\"\" | user.id!=\"u1\"",
            (Predicate<ParsedEvent>) e -> !attr(e, "user.id").equals("u1")));
  }

  @ParameterizedTest
  @MethodSource("handWritten")
  void logQueriesMatchExpectationsWrittenByHand(String query, Predicate<ParsedEvent> expected) {
    Set<String> want = ids(expected);
    assertThat(sqlIds(query)).as(query).isEqualTo(want);
    assertThat(ids(EventPredicate.of((LogExpr) LogqlParser.parse(query))))
        .as(query)
        .isEqualTo(want);
  }

  @Test
  void theFixtureMakesHandWrittenQueriesDiscriminate() {
    long matchingSome =
        handWritten()
            .map(a -> ids((Predicate<ParsedEvent>) a.get()[1]).size())
            .filter(n -> n > 0 && n < events.events.size())
            .count();
    assertThat(matchingSome).isGreaterThan(30);
  }

  @Test
  void anotherProjectsEventsNeverMatch() {
    LogExpr expr = (LogExpr) LogqlParser.parse("{service=~\".*.\"}");
    List<String> ids =
        reader.list(
            LogqlSql.logs(
                "not-" + events.projectId,
                expr,
                new TimeRange(events.start, events.end),
                100,
                LogqlSql.Direction.FORWARD),
            100,
            row -> row.getString("event_id"));
    assertThat(ids).isEmpty();
  }

  @Test
  void forwardAndBackwardOrderAndLimit() {
    LogExpr expr = (LogExpr) LogqlParser.parse("{service=~\".+\"}");
    TimeRange range = new TimeRange(events.start, events.end);
    List<ParsedEvent> sorted = new ArrayList<>(events.events);
    sorted.sort(
        java.util.Comparator.comparingLong(ParsedEvent::epochNanos).thenComparing(ParsedEvent::id));
    List<String> forward =
        reader.list(
            LogqlSql.logs(events.projectId, expr, range, 5, LogqlSql.Direction.FORWARD),
            5,
            r -> r.getString("event_id"));
    List<String> backward =
        reader.list(
            LogqlSql.logs(events.projectId, expr, range, 5, LogqlSql.Direction.BACKWARD),
            5,
            r -> r.getString("event_id"));
    assertThat(forward)
        .containsExactlyElementsOf(sorted.subList(0, 5).stream().map(ParsedEvent::id).toList());
    assertThat(backward)
        .containsExactlyElementsOf(
            Stream.iterate(sorted.size() - 1, i -> i - 1)
                .limit(5)
                .map(i -> sorted.get(i).id())
                .toList());
  }

  /** Series (labels joined by '|', step index) to value, computed in memory from the events. */
  private Map<String, Double> expectedMetric(
      Predicate<ParsedEvent> filter,
      Duration range,
      Instant start,
      Duration step,
      int steps,
      java.util.function.Function<ParsedEvent, String> series,
      java.util.function.Function<List<ParsedEvent>, Double> value) {
    Map<String, Double> out = new TreeMap<>();
    for (int k = 0; k < steps; k++) {
      long t = LogqlSql.epochNanos(start) + k * step.toNanos();
      long from = t - range.toNanos();
      int step_ = k;
      events.events.stream()
          .filter(filter)
          .filter(e -> e.epochNanos() > from && e.epochNanos() <= t)
          .collect(Collectors.groupingBy(series))
          .forEach((labels, group) -> out.put(labels + "@" + step_, value.apply(group)));
    }
    return out;
  }

  private Map<String, Double> sqlMetric(String query, Instant start, Instant end, Duration step) {
    MetricSql metric =
        LogqlSql.metric(
            events.projectId, (MetricExpr) LogqlParser.parse(query), start, end, step.toNanos());
    Map<String, Double> out = new TreeMap<>();
    reader.list(
        metric.query(),
        100_000,
        row -> {
          List<String> labels = new ArrayList<>();
          for (int i = 0; i < metric.labels().size(); i++) {
            labels.add(row.getString(metric.labelColumn(i)));
          }
          out.put(String.join("|", labels) + "@" + row.getLong("k"), row.getDouble("value"));
          return null;
        });
    return out;
  }

  private static void assertClose(Map<String, Double> actual, Map<String, Double> expected) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach(
        (key, value) ->
            assertThat(actual.get(key))
                .as(key)
                .isCloseTo(
                    value,
                    org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(value)))));
  }

  @Test
  void countOverTimeAndRatePerStreamMatchSlidingWindowsComputedInMemory() {
    Instant start = events.start.plusSeconds(90);
    Instant end = events.end.plusSeconds(30);
    Duration step = Duration.ofSeconds(45);
    int steps = (int) (Duration.between(start, end).toNanos() / step.toNanos()) + 1;
    Predicate<ParsedEvent> errors = e -> e.message().contains("error");
    java.util.function.Function<ParsedEvent, String> stream =
        e -> e.service() + "|" + e.level().name().toLowerCase() + "|" + e.stream();
    assertClose(
        sqlMetric("count_over_time({service=~\".+\"} |= \"error\" [2m])", start, end, step),
        expectedMetric(
            errors, Duration.ofMinutes(2), start, step, steps, stream, g -> (double) g.size()));
    assertClose(
        sqlMetric("rate({service=~\".+\"} |= \"error\" [30s])", start, end, step),
        expectedMetric(
            errors, Duration.ofSeconds(30), start, step, steps, stream, g -> g.size() / 30.0));
    assertClose(
        sqlMetric("bytes_over_time({service=\"api\"}[5m])", start, end, step),
        expectedMetric(
            e -> e.service().equals("api"),
            Duration.ofMinutes(5),
            start,
            step,
            steps,
            stream,
            g ->
                (double)
                    g.stream()
                        .mapToInt(
                            e ->
                                e.message()
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                                    .length)
                        .sum()));
  }

  @Test
  void vectorAggregationsMatchInMemory() {
    Instant start = events.start;
    Instant end = events.end;
    Duration step = Duration.ofMinutes(1);
    int steps = 31;
    Predicate<ParsedEvent> all = e -> true;
    assertClose(
        sqlMetric("sum by (service) (count_over_time({service=~\".+\"}[5m]))", start, end, step),
        expectedMetric(
            all,
            Duration.ofMinutes(5),
            start,
            step,
            steps,
            ParsedEvent::service,
            g -> (double) g.size()));
    assertClose(
        sqlMetric("count_over_time({service=~\".+\"}[5m]) ", start, end, step).entrySet().stream()
            .collect(
                Collectors.groupingBy(
                    en -> en.getKey().substring(en.getKey().indexOf('@')),
                    TreeMap::new,
                    Collectors.summingDouble(Map.Entry::getValue)))
            .entrySet()
            .stream()
            .collect(
                Collectors.toMap(
                    en -> "" + en.getKey(), Map.Entry::getValue, (a, b) -> a, TreeMap::new)),
        sqlMetric("sum(count_over_time({service=~\".+\"}[5m]))", start, end, step));
    assertClose(
        sqlMetric("sum by (user.id) (count_over_time({service=\"api\"}[10m]))", start, end, step),
        expectedMetric(
            e -> e.service().equals("api"),
            Duration.ofMinutes(10),
            start,
            step,
            steps,
            e -> attr(e, "user.id"),
            g -> (double) g.size()));
  }

  @Test
  void unwrappedRangeAggregationsMatchInMemory() {
    Instant start = events.start;
    Instant end = events.end;
    Duration step = Duration.ofMinutes(2);
    int steps = 16;
    Predicate<ParsedEvent> numeric = e -> attr(e, "status").matches("-?[0-9]+(\\.[0-9]+)?");
    java.util.function.Function<ParsedEvent, String> service = ParsedEvent::service;
    java.util.function.Function<List<ParsedEvent>, List<Double>> values =
        g -> g.stream().map(e -> Double.parseDouble(attr(e, "status"))).sorted().toList();
    assertClose(
        sqlMetric(
            "sum by (service) (sum_over_time({service=~\".+\"} | unwrap status [10m]))",
            start,
            end,
            step),
        expectedMetric(
            numeric,
            Duration.ofMinutes(10),
            start,
            step,
            steps,
            service,
            g -> values.apply(g).stream().mapToDouble(d -> d).sum()));
    assertClose(
        sqlMetric(
            "max by (service) (max_over_time({service=~\".+\"} | unwrap status [10m]))",
            start,
            end,
            step),
        expectedMetric(
            numeric,
            Duration.ofMinutes(10),
            start,
            step,
            steps,
            service,
            g -> values.apply(g).stream().mapToDouble(d -> d).max().getAsDouble()));
    assertClose(
        sqlMetric(
            "min by (service) (min_over_time({service=~\".+\"} | unwrap status [10m]))",
            start,
            end,
            step),
        expectedMetric(
            numeric,
            Duration.ofMinutes(10),
            start,
            step,
            steps,
            service,
            g -> values.apply(g).stream().mapToDouble(d -> d).min().getAsDouble()));
    // One series per service (stream labels collapse under max by service only when one exists):
    // quantile over the per-stream series, compared with max by the stream labels themselves.
    java.util.function.Function<ParsedEvent, String> stream =
        e -> e.service() + "|" + e.level().name().toLowerCase() + "|" + e.stream();
    assertClose(
        sqlMetric(
            "quantile_over_time(0.75, {service=~\".+\"} | unwrap status [30m])", start, end, step),
        expectedMetric(
            numeric,
            Duration.ofMinutes(30),
            start,
            step,
            steps,
            stream,
            g -> quantile(values.apply(g), 0.75)));
  }

  @Test
  void topkKeepsTheLargestSeriesOfEachStep() {
    Instant start = events.start;
    Instant end = events.end;
    Duration step = Duration.ofMinutes(5);
    Map<String, Double> all =
        sqlMetric("sum by (service) (count_over_time({service=~\".+\"}[10m]))", start, end, step);
    Map<String, Double> top =
        sqlMetric(
            "topk(2, sum by (service) (count_over_time({service=~\".+\"}[10m])))",
            start,
            end,
            step);
    Map<String, List<Double>> byStep = new TreeMap<>();
    all.forEach(
        (key, value) ->
            byStep
                .computeIfAbsent(key.substring(key.indexOf('@')), s -> new ArrayList<>())
                .add(value));
    byStep.forEach(
        (at, values) -> {
          List<Double> kept =
              top.entrySet().stream()
                  .filter(e -> e.getKey().endsWith(at))
                  .map(Map.Entry::getValue)
                  .sorted()
                  .toList();
          List<Double> largest =
              values.stream()
                  .sorted(java.util.Comparator.reverseOrder())
                  .limit(2)
                  .sorted()
                  .toList();
          assertThat(kept).as(at).isEqualTo(largest);
        });
    assertThat(top).isNotEmpty();
  }

  /** Prometheus' quantile (Loki's quantile_over_time): linear between ranks. */
  private static double quantile(List<Double> sorted, double phi) {
    double rank = phi * (sorted.size() - 1);
    int low = (int) Math.floor(rank);
    int high = Math.min(low + 1, sorted.size() - 1);
    double weight = rank - low;
    return sorted.get(low) * (1 - weight) + sorted.get(high) * weight;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{service=\"x') OR 1=1 OR ('\"}",
        "{service=~\"api') OR 1=1 OR match(service, '\"}",
        "{service=\"api\"} |= \"\\\\'; SELECT 1; --\"",
        "{service=\"api\"} | status > 5 or user.id = \"' OR ''='\"",
        "{service=\"api\"} | status > 5 | user.id = \"\\u0000\"",
      })
  void injectionAttemptsMatchLiterallyOrAreRefused(String query) {
    LogExpr expr;
    try {
      expr = (LogExpr) LogqlParser.parse(query);
    } catch (LogqlSyntaxException refused) {
      assertThat(refused.getMessage()).contains("invalid regular expression");
      return;
    }
    assertThat(sqlIds(query)).isEqualTo(ids(EventPredicate.of(expr)));
    assertThat(
            Long.parseLong(
                new io.devlogs.query.support.ClickHouseRows(stack.settings())
                    .query(
                        "SELECT count() FROM devlogs.events WHERE project = '"
                            + events.projectId
                            + "'")
                    .strip()))
        .isEqualTo(events.events.size());
  }

  @Test
  void selectorsOfOnlyEmptyMatchingMatchersAreRefusedAsInLoki() {
    for (String query : List.of("{service!=\"api\"}", "{service=~\".*\"}", "{user.id=\"\"}")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogqlParser.parse(query))
          .hasMessageContaining("does not match an empty value");
    }
  }
}
