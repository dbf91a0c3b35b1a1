package io.devlogs.bench.e2e;

import java.util.Locale;

/**
 * One freshness probe: an event with a unique token, when the query service first returned it, and
 * when a live-tail WebSocket client first received it.
 *
 * @param seq the probe's number in the run
 * @param phase the phase it was sent in
 * @param sentMillis epoch ms when it was posted (its {@code ts})
 * @param seenMillis epoch ms when a search first returned it, or -1 if none did
 * @param tailSeenMillis epoch ms when the live tail first delivered it, or -1 if it did not
 */
public record Probe(long seq, String phase, long sentMillis, long seenMillis, long tailSeenMillis) {

  public static final String CSV_HEADER =
      "seq,phase,sent_ms,seen_ms,latency_ms,tail_seen_ms,tail_latency_ms";

  /** A probe the live tail was not asked about. */
  public Probe(long seq, String phase, long sentMillis, long seenMillis) {
    this(seq, phase, sentMillis, seenMillis, -1);
  }

  public boolean seen() {
    return seenMillis >= 0;
  }

  /** Milliseconds from sending until searchable; -1 if never seen. */
  public long latencyMillis() {
    return seen() ? seenMillis - sentMillis : -1;
  }

  public boolean tailSeen() {
    return tailSeenMillis >= 0;
  }

  /** Milliseconds from sending until the live tail delivered it; -1 if it did not. */
  public long tailLatencyMillis() {
    return tailSeen() ? tailSeenMillis - sentMillis : -1;
  }

  public String csv() {
    return String.format(
        Locale.ROOT,
        "%d,%s,%d,%d,%d,%d,%d",
        seq,
        phase,
        sentMillis,
        seenMillis,
        latencyMillis(),
        tailSeenMillis,
        tailLatencyMillis());
  }
}
