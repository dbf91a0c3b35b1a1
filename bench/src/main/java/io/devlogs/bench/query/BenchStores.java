package io.devlogs.bench.query;

import io.devlogs.bench.StreamRows;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the benchmark reads back from ClickHouse about a project's data set: how many events and
 * window totals it holds, its time range and its Cassandra streams; and deleting it. Project ids
 * are checked against a strict pattern before they are put into SQL text.
 */
final class BenchStores {

  private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** The first streams are searched for in this much time after the first event. */
  private static final long FIRST_STREAMS_WINDOW_SECONDS = 6 * 3600;

  private final ClickHouseHttp clickHouse;
  private final StreamRows cassandra;

  BenchStores(ClickHouseHttp clickHouse, StreamRows cassandra) {
    this.clickHouse = clickHouse;
    this.cassandra = cassandra;
  }

  static String checkedProjectId(String projectId) {
    if (projectId == null || !PROJECT_ID.matcher(projectId).matches()) {
      throw new IllegalArgumentException(
          "project id '" + projectId + "' is not of the form " + PROJECT_ID.pattern());
    }
    return projectId;
  }

  long events(String projectId) throws IOException, InterruptedException {
    return clickHouse.selectLong(
        "SELECT count() FROM devlogs.events WHERE project = '" + checkedProjectId(projectId) + "'");
  }

  /** Events counted by the project's window rows (the latest version of each window). */
  long windowEvents(String projectId) throws IOException, InterruptedException {
    return clickHouse.selectLong(
        "SELECT sum(events) FROM devlogs.event_windows FINAL WHERE project = '"
            + checkedProjectId(projectId)
            + "'");
  }

  /** The data set a project holds, whatever its size, or empty when it holds no event. */
  Optional<BenchData> present(String projectId, int streams)
      throws IOException, InterruptedException {
    long events = events(projectId);
    if (events == 0) {
      return Optional.empty();
    }
    String[] range =
        clickHouse
            .select(
                "SELECT toUInt32(min(ts)), toUInt32(max(ts)) FROM devlogs.events WHERE project = '"
                    + projectId
                    + "'")
            .get(0);
    Instant from = Instant.ofEpochSecond(Long.parseLong(range[0]) / 60 * 60);
    Instant to = Instant.ofEpochSecond(Long.parseLong(range[1]) + 1);
    return Optional.of(
        new BenchData(projectId, events, from, to, firstStreams(projectId, from, streams)));
  }

  /**
   * Whether a data set is a finished load of {@code expectedEvents}: a load writes its window rows
   * last, so one that stopped half-way has fewer events or window totals.
   */
  boolean complete(BenchData data, long expectedEvents) throws IOException, InterruptedException {
    return data.events() == expectedEvents && windowEvents(data.projectId()) == expectedEvents;
  }

  /**
   * The first {@code count} distinct streams in event-time order (the generator stamps events in
   * strictly increasing milliseconds, so this is the order the loader met them in).
   */
  List<String> firstStreams(String projectId, Instant from, int count)
      throws IOException, InterruptedException {
    List<String> streams = new ArrayList<>(count);
    for (String[] row :
        clickHouse.select(
            "SELECT stream FROM devlogs.events WHERE project = '"
                + checkedProjectId(projectId)
                + "' AND ts < toDateTime("
                + (from.getEpochSecond() + FIRST_STREAMS_WINDOW_SECONDS)
                + ") GROUP BY stream ORDER BY min(toUInt64(ts) * 1000000000 + ts_nanos) LIMIT "
                + count)) {
      streams.add(unescapeTabSeparated(row[0]));
    }
    return streams;
  }

  /**
   * Deletes a data set: its Cassandra partitions, then its ClickHouse rows (a mutation; waits until
   * ClickHouse has applied it, so a new load into the project starts from nothing).
   */
  void delete(BenchData data) throws IOException, InterruptedException {
    List<StreamRows.Partition> partitions = new ArrayList<>();
    LocalDate first = LocalDate.ofInstant(data.from(), ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(data.to(), ZoneOffset.UTC);
    for (String stream : data.streams()) {
      for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
        partitions.add(new StreamRows.Partition(stream, day));
      }
    }
    cassandra.delete(data.projectId(), partitions);
    String project = checkedProjectId(data.projectId());
    for (String table : List.of("devlogs.events", "devlogs.event_windows", "devlogs.event_hours")) {
      clickHouse.execute(
          "ALTER TABLE " + table + " DELETE WHERE project = '" + project + "'", null);
    }
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (events(project) > 0 || windowEvents(project) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IOException("ClickHouse still holds rows of " + project + " after 10 minutes");
      }
      Thread.sleep(500); // a mutation rewrites whole parts: seconds, polled with a deadline
    }
  }

  /** A TabSeparated field as text: ClickHouse escapes backslash, tab and newline. */
  static String unescapeTabSeparated(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    StringBuilder sb = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 1 < field.length()) {
        char next = field.charAt(++i);
        sb.append(
            switch (next) {
              case 't' -> '\t';
              case 'n' -> '\n';
              case 'r' -> '\r';
              case '0' -> '\0';
              default -> next;
            });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
