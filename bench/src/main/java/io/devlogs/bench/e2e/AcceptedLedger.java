package io.devlogs.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many accepted events each stream has per second of event time: what Cassandra must hold for a
 * time slice of a stream, so {@link CassandraLanded} can stop re-counting slices that are complete.
 * Thread-safe.
 */
public final class AcceptedLedger {

  private final Map<String, ConcurrentSkipListMap<Long, LongAdder>> bySecond =
      new ConcurrentHashMap<>();

  /** Records {@code count} accepted events of {@code stream} with event time {@code tsMillis}. */
  public void accepted(String stream, long tsMillis, long count) {
    bySecond
        .computeIfAbsent(stream, s -> new ConcurrentSkipListMap<>())
        .computeIfAbsent(Math.floorDiv(tsMillis, 1000), s -> new LongAdder())
        .add(count);
  }

  /** Accepted events of {@code stream} with event time in [fromMillis, toMillis); whole seconds. */
  public long between(String stream, long fromMillis, long toMillis) {
    ConcurrentSkipListMap<Long, LongAdder> seconds = bySecond.get(stream);
    long fromSecond = Math.floorDiv(fromMillis, 1000);
    long toSecond = Math.floorDiv(toMillis, 1000);
    if (seconds == null || toSecond <= fromSecond) {
      return 0;
    }
    return seconds.subMap(fromSecond, toSecond).values().stream().mapToLong(LongAdder::sum).sum();
  }

  public Set<String> streams() {
    return Set.copyOf(bySecond.keySet());
  }

  /**
   * Writes the (stream, UTC day) Cassandra partitions the events filled, one {@code
   * stream<TAB>yyyy-mm-dd} per line: the file {@code BenchStreamRows delete} reads.
   */
  public void writePartitions(Path file) throws IOException {
    Set<String> lines = new TreeSet<>();
    bySecond.forEach(
        (stream, seconds) ->
            seconds.keySet().forEach(second -> lines.add(stream + "\t" + day(second * 1000))));
    Files.write(file, lines);
  }

  static LocalDate day(long epochMillis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }
}
