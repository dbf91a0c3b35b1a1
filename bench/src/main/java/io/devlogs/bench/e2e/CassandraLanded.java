package io.devlogs.bench.e2e;

import io.devlogs.bench.StreamRows;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The project's rows in Cassandra, counted cheaply enough to sample every few seconds: a full
 * {@code count(*)} of every partition would read every row written so far on each sample. Instead
 * each bench stream has a watermark: the rows before it are counted once and kept; each sample
 * counts only the rows from the watermark on. The watermark moves on by slices of {@value
 * #SLICE_MILLIS} ms, up to {@code now -} {@value #SETTLE_DELAY_MILLIS} ms, over every slice in
 * which Cassandra holds at least as many rows as the {@link AcceptedLedger} says were accepted
 * there (a request is answered within {@link LoadDriver#REQUEST_TIMEOUT}, so no more can be
 * accepted for that time). A sample so reads about the last {@value #SETTLE_DELAY_MILLIS} ms of
 * rows when the job keeps up, and the rows past the job's progress when it does not: a backlog does
 * not make every sample re-read all rows written since the backlog began, which loaded Cassandra
 * enough to slow the sink it measures.
 */
final class CassandraLanded {

  static final long SETTLE_DELAY_MILLIS = 15_000;
  static final long SLICE_MILLIS = 5_000;
  private static final long TAIL_MILLIS = 600_000;

  private final StreamRows rows;
  private final String project;
  private final AcceptedLedger ledger;
  private final long startMillis;
  private final Map<String, Long> watermark = new HashMap<>();
  private final Map<String, Long> settled = new HashMap<>();

  /**
   * @param startMillis no accepted event is older than this
   */
  CassandraLanded(StreamRows rows, String project, AcceptedLedger ledger, long startMillis) {
    this.rows = rows;
    this.project = project;
    this.ledger = ledger;
    this.startMillis = Math.floorDiv(startMillis, 1000) * 1000;
  }

  long count(long nowMillis) {
    long total = 0;
    long settleTo = Math.floorDiv(nowMillis - SETTLE_DELAY_MILLIS, 1000) * 1000;
    for (String stream : ledger.streams()) {
      long from = watermark.getOrDefault(stream, startMillis);
      while (from < settleTo) {
        long to = Math.min(from + SLICE_MILLIS, settleTo);
        long slice = countBetween(stream, from, to);
        if (slice < ledger.between(stream, from, to)) {
          break;
        }
        settled.merge(stream, slice, Long::sum);
        watermark.put(stream, to);
        from = to;
      }
      long open = countBetween(stream, from, nowMillis + TAIL_MILLIS);
      total += settled.getOrDefault(stream, 0L) + open;
    }
    return total;
  }

  private long countBetween(String stream, long fromMillis, long toMillis) {
    long count = 0;
    LocalDate last = AcceptedLedger.day(toMillis);
    for (LocalDate day = AcceptedLedger.day(fromMillis);
        !day.isAfter(last);
        day = day.plusDays(1)) {
      count +=
          rows.countSlice(
              project,
              new StreamRows.Partition(stream, day),
              Instant.ofEpochMilli(fromMillis),
              Instant.ofEpochMilli(toMillis));
    }
    return count;
  }
}
