package io.devlogs.query.logql;

import io.devlogs.flink.records.Level;
import io.devlogs.query.QueryOptions;
import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.support.ClickHouseRows;
import io.devlogs.query.support.EventRow;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.settings.Settings;
import io.devlogs.topics.ParsedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Events of one fresh project, written into the stack's ClickHouse and kept in memory as {@link
 * ParsedEvent}s, so a LogQL query can run both ways over the same events. Their values are chosen
 * to make every LogQL operator both match and miss: numbers, durations and byte sizes in several
 * forms, quotes, backslashes, line breaks, non-ASCII text and SQL fragments.
 */
public final class LogqlEvents {
  public static final List<String> SERVICES = List.of("api", "web", "worker", "o'brien");
  public static final List<String> STREAMS = List.of("run-1", "run-2", "deploy");
  public static final List<String> WORDS =
      List.of(
          "error",
          "Error",
          "timeout",
          "GET /health",
          "café",
          "a\"b",
          "back\\slash",
          "' OR 1=1 --",
          "line\nbreak",
          "%",
          "_");
  public static final List<String> STATUS =
      List.of("200", "404", "500", "503", "-3", "1.5", "abc", "", "007");
  public static final List<String> LATENCY =
      List.of("250ms", "1.5s", "2m", "100us", "5", "1h", "0.5ms", "fast");
  public static final List<String> SIZE =
      List.of("10KB", "1kib", "512", "2 MB", "3GiB", "1.5mb", "big", "0b");
  public static final List<String> USERS =
      List.of("u1", "u2", "u42", "U1", "x'; DROP TABLE devlogs.events; --");

  public final String projectId;
  public final Instant start;
  public final Instant end;
  public final List<ParsedEvent> events = new ArrayList<>();

  public LogqlEvents(String projectId, int count, long seed) {
    this.projectId = projectId;
    this.start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
    this.end = start.plus(Duration.ofMinutes(30));
    Random random = new Random(seed);
    for (int i = 0; i < count; i++) {
      Map<String, String> attributes = new LinkedHashMap<>();
      maybe(random, attributes, "status", STATUS);
      maybe(random, attributes, "latency", LATENCY);
      maybe(random, attributes, "size", SIZE);
      maybe(random, attributes, "user.id", USERS);
      String message =
          pick(random, WORDS)
              + " "
              + pick(random, WORDS)
              + " request "
              + i
              + (random.nextBoolean() ? " done" : "");
      long nanos =
          LogqlSql.epochNanos(start)
              + (long) (random.nextDouble() * Duration.ofMinutes(30).toNanos());
      events.add(
          new ParsedEvent(
              "e" + i,
              projectId,
              nanos,
              Level.values()[random.nextInt(Level.values().length)],
              pick(random, SERVICES),
              pick(random, STREAMS),
              message,
              Map.copyOf(attributes),
              nanos / 1_000_000,
              message.length(),
              30));
    }
  }

  public void insert(Settings settings) {
    new ClickHouseRows(settings)
        .insert(
            events.stream()
                .map(
                    e ->
                        new EventRow(
                            projectId,
                            e.id(),
                            e.timestamp(),
                            e.level().name(),
                            e.service(),
                            e.stream(),
                            e.message(),
                            e.attributes()))
                .toList());
  }

  static ClickHouseReader reader(Settings settings) {
    return LocalQueryApp.reader(settings, QueryOptions.from(settings).clickhouseLimits());
  }

  private static void maybe(
      Random random, Map<String, String> attributes, String key, List<String> values) {
    if (random.nextInt(4) > 0) {
      attributes.put(key, pick(random, values));
    }
  }

  static String pick(Random random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
