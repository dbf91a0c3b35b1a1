package io.devlogs.query.metrics;

import java.util.List;

/** Reads summed minute windows of one project (ClickHouse {@code event_windows}). */
@FunctionalInterface
public interface WindowTotals {

  /**
   * The totals of {@code projectId}'s windows per period and key, only for (period, key) pairs that
   * have windows, in any order.
   */
  List<PeriodTotals> read(String projectId, WindowQuery query);
}
