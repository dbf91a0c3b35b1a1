package io.devlogs.flink.records;

import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * How events are spread over the subtasks of the sinks: by project, stream and the slice of {@value
 * #RECEIVE_SLICE_MILLIS} ms in which ingest received them. A request's events share their receive
 * time, so a short stream (one request's few events) reaches one subtask and becomes one Cassandra
 * chunk rather than one per subtask (round-robin gave 2.9 events per Cassandra write where streams
 * held 3-6); a long stream moves to another subtask every slice, so one busy stream still shares
 * the sinks' work. The spread is a function of the event, so a replay spreads the same way.
 */
public final class StreamSpread implements Partitioner<Long> {

  private static final long serialVersionUID = 1L;

  /** How long a stream's events keep to one subtask, in ingest's receive time. */
  public static final long RECEIVE_SLICE_MILLIS = 100;

  /** The key of an event's spread. */
  public static KeySelector<LogEvent, Long> key() {
    return StreamSpread::of;
  }

  static long of(LogEvent event) {
    long h = event.projectId().hashCode();
    h = h * 31 + event.stream().hashCode();
    h = h * 31 + Math.floorDiv(event.receivedAtMillis(), RECEIVE_SLICE_MILLIS);
    return mix(h);
  }

  @Override
  public int partition(Long key, int numPartitions) {
    return (int) Math.floorMod(key, (long) numPartitions);
  }

  /** MurmurHash3's 64-bit finaliser: neighbouring slices of one stream land far apart. */
  private static long mix(long value) {
    long h = value;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
