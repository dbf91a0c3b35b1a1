package io.devlogs.bench.e2e;

import java.util.Locale;

/**
 * One freshness probe: an event with a unique token, and when the query service first returned it.
 *
 * @param seq the probe's number in the run
 * @param phase the phase it was sent in
 * @param sentMillis epoch ms when it was posted (its {@code ts})
 * @param seenMillis epoch ms when a search first returned it, or -1 if none did
 */
public record Probe(long seq, String phase, long sentMillis, long seenMillis) {

  public static final String CSV_HEADER = "seq,phase,sent_ms,seen_ms,latency_ms";

  public boolean seen() {
    return seenMillis >= 0;
  }

  /** Milliseconds from sending until searchable; -1 if never seen. */
  public long latencyMillis() {
    return seen() ? seenMillis - sentMillis : -1;
  }

  public String csv() {
    return String.format(
        Locale.ROOT, "%d,%s,%d,%d,%d", seq, phase, sentMillis, seenMillis, latencyMillis());
  }
}
