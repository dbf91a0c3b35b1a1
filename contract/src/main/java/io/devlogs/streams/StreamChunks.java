package io.devlogs.streams;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How a stream is cut into chunks in Cassandra {@code stream_chunks}, declared once for the job
 * that writes them and the programs that read them.
 *
 * <p>A partition is (project, stream, UTC day), as in {@code stream_events}. Inside it, events are
 * grouped by slice: {@value #SLICE_MILLIS} ms of event time, aligned to the epoch (so never across
 * a day). A chunk row holds events of one slice that the job wrote together; a slice can have many
 * chunks (one per flush, or more), and after a replay the same event can be in two of them. Every
 * event of a slice is earlier than every event of the next one, so a reader that takes a slice's
 * chunks together, sorts and de-duplicates them ({@link #merge}) reads the stream in exact order.
 */
public final class StreamChunks {

  /**
   * Length of a slice. Bounds what a page read decodes beyond its page (one slice of one stream),
   * while a flush of a few seconds still puts a stream's events into one or two chunks.
   */
  public static final long SLICE_MILLIS = 10_000;

  private StreamChunks() {}

  /** The start of the slice of an event time (ms). */
  public static long sliceOf(long tsMillis) {
    return Math.floorDiv(tsMillis, SLICE_MILLIS) * SLICE_MILLIS;
  }

  /**
   * The events of a slice's chunks in stream order, each event once: an event (same time and id)
   * found in several chunks, as after a replay, is kept from the first chunk that holds it.
   */
  public static List<StreamChunkEvent> merge(Collection<List<StreamChunkEvent>> chunks) {
    int total = 0;
    for (List<StreamChunkEvent> chunk : chunks) {
      total += chunk.size();
    }
    List<StreamChunkEvent> all = new ArrayList<>(total);
    for (List<StreamChunkEvent> chunk : chunks) {
      all.addAll(chunk);
    }
    all.sort(StreamChunkEvent.ORDER); // stable: the first chunk's copy comes first
    List<StreamChunkEvent> distinct = new ArrayList<>(all.size());
    StreamChunkEvent previous = null;
    for (StreamChunkEvent e : all) {
      if (previous == null
          || previous.tsMillis() != e.tsMillis()
          || !previous.eventId().equals(e.eventId())) {
        distinct.add(e);
        previous = e;
      }
    }
    return distinct;
  }
}
