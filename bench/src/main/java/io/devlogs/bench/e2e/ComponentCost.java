package io.devlogs.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one component of the stack cost during a phase: its CPU time and its resident memory at the
 * phase's start and end.
 *
 * @param phase e.g. {@code sustain-8000}
 * @param component e.g. {@code flink-taskmanager}
 * @param seconds the phase's length
 * @param events events ingest accepted during the phase
 * @param cpuSeconds CPU time the component used during the phase
 * @param rssStartBytes resident memory at the phase's start
 * @param rssEndBytes resident memory at its end
 */
public record ComponentCost(
    String phase,
    String component,
    double seconds,
    long events,
    double cpuSeconds,
    long rssStartBytes,
    long rssEndBytes) {

  /** Growth past both of these during a phase is flagged: it may be growth without bound. */
  static final double GROWTH_SHARE = 0.10;

  static final long GROWTH_BYTES = 64L << 20;

  public static final String CSV_HEADER =
      "phase,component,seconds,events,cpu_seconds,cpu_seconds_per_1000_events,cores,"
          + "rss_start_mib,rss_end_mib,grew";

  /**
   * The cost of each component that ran at both ends of a phase of {@code seconds} in which ingest
   * accepted {@code events}.
   */
  public static List<ComponentCost> between(
      String phase,
      double seconds,
      long events,
      Map<String, ProcessUsage> start,
      Map<String, ProcessUsage> end) {
    List<ComponentCost> costs = new ArrayList<>();
    start.forEach(
        (name, s) -> {
          ProcessUsage e = end.get(name);
          if (e != null && e.pid() == s.pid()) {
            costs.add(
                new ComponentCost(
                    phase,
                    name,
                    seconds,
                    events,
                    e.cpuSeconds() - s.cpuSeconds(),
                    s.rssBytes(),
                    e.rssBytes()));
          }
        });
    return costs;
  }

  /** CPU seconds per 1,000 accepted events; NaN without events. */
  public double cpuSecondsPerThousand() {
    return events > 0 ? cpuSeconds * 1000 / events : Double.NaN;
  }

  /** Cores busy on average. */
  public double cores() {
    return seconds > 0 ? cpuSeconds / seconds : Double.NaN;
  }

  /** Whether resident memory grew by more than a tenth and more than 64 MiB. */
  public boolean grew() {
    long growth = rssEndBytes - rssStartBytes;
    return growth > GROWTH_BYTES && growth > rssStartBytes * GROWTH_SHARE;
  }

  static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  public String csv() {
    return String.format(
        Locale.ROOT,
        "%s,%s,%.1f,%d,%.2f,%.4f,%.3f,%.0f,%.0f,%b",
        phase,
        component,
        seconds,
        events,
        cpuSeconds,
        cpuSecondsPerThousand(),
        cores(),
        mib(rssStartBytes),
        mib(rssEndBytes),
        grew());
  }
}
