package io.devlogs.query.streams;

import io.devlogs.query.records.LogEvent;
import io.devlogs.streams.StreamChunkEvent;
import io.devlogs.streams.StreamChunks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One page of a day partition's chunks, collected slice by slice: the chunks of a slice are taken
 * together, merged into stream order with each event once ({@link StreamChunks#merge}: a replay may
 * have written an event into two chunks), and cut to the request's range and position. Every event
 * of a slice is earlier than every event of the next, so the page is complete as soon as the slices
 * read so far hold enough events.
 */
final class StreamChunkSlices {

  /** A stream's order over events of either table: time, then id (code point order). */
  static final Comparator<LogEvent> ORDER =
      Comparator.comparing(LogEvent::timestamp)
          .thenComparing(LogEvent::id, StreamChunkEvent::compareIds);

  private final StreamRequest request;
  private final Optional<StreamPosition> after;
  private final int wanted;
  private final List<LogEvent> events = new ArrayList<>();
  private final List<List<StreamChunkEvent>> sliceChunks = new ArrayList<>();
  private long slice = Long.MIN_VALUE;

  /**
   * @param after the position the page starts after, if it lies in this day partition
   * @param wanted the most events the page takes from this partition
   */
  StreamChunkSlices(StreamRequest request, Optional<StreamPosition> after, int wanted) {
    this.request = request;
    this.after = after;
    this.wanted = wanted;
  }

  /** The slice the page's first event can be in: that of its position, or of the range's start. */
  Instant firstSlice() {
    Instant start = after.map(StreamPosition::timestamp).orElse(request.range().from());
    return Instant.ofEpochMilli(StreamChunks.sliceOf(start.toEpochMilli()));
  }

  /**
   * Takes the next chunk, in slice order.
   *
   * @return true when the slices before this chunk's fill the page: the chunk and any later one are
   *     not needed
   */
  boolean add(Instant chunkSlice, List<StreamChunkEvent> chunk) {
    long s = chunkSlice.toEpochMilli();
    if (s != slice) {
      completeSlice();
      if (events.size() >= wanted) {
        return true;
      }
      slice = s;
    }
    sliceChunks.add(chunk);
    return false;
  }

  /** The page's events of this partition, oldest first, at most {@code wanted}. */
  List<LogEvent> finish() {
    if (events.size() < wanted) {
      completeSlice();
    }
    return events.size() > wanted ? List.copyOf(events.subList(0, wanted)) : events;
  }

  private void completeSlice() {
    for (StreamChunkEvent e : StreamChunks.merge(sliceChunks)) {
      Instant ts = Instant.ofEpochMilli(e.tsMillis());
      if (ts.isBefore(request.range().from()) || !ts.isBefore(request.range().to())) {
        continue;
      }
      if (after.isPresent() && !isAfter(ts, e.eventId(), after.get())) {
        continue;
      }
      events.add(
          new LogEvent(
              e.eventId(),
              ts,
              e.level(),
              e.service(),
              request.stream(),
              e.message(),
              e.attributes()));
    }
    sliceChunks.clear();
  }

  private static boolean isAfter(Instant ts, String id, StreamPosition position) {
    int byTime = ts.compareTo(position.timestamp());
    return byTime > 0 || (byTime == 0 && StreamChunkEvent.compareIds(id, position.eventId()) > 0);
  }

  /**
   * The first {@code limit} events of two pages of one partition (rows of {@code stream_events} and
   * events of chunks), in stream order, each event once.
   */
  static List<LogEvent> mergePages(List<LogEvent> rows, List<LogEvent> chunks, int limit) {
    List<LogEvent> all = new ArrayList<>(rows.size() + chunks.size());
    all.addAll(chunks);
    all.addAll(rows);
    all.sort(ORDER);
    List<LogEvent> merged = new ArrayList<>(Math.min(limit, all.size()));
    LogEvent previous = null;
    for (LogEvent e : all) {
      if (merged.size() >= limit) {
        break;
      }
      if (previous == null
          || !previous.timestamp().equals(e.timestamp())
          || !previous.id().equals(e.id())) {
        merged.add(e);
        previous = e;
      }
    }
    return merged;
  }
}
