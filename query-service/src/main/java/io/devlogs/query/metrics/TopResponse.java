package io.devlogs.query.metrics;

import java.util.Comparator;
import java.util.List;

/** The body of {@code GET /v1/metrics/top}: the highest-ranked services, best first. */
public record TopResponse(List<ServiceRank> services) {

  /** One service's totals over the range; p95 in milliseconds, null without durations. */
  public record ServiceRank(
      String service, long events, long errors, double errorRate, Double p95) {

    static ServiceRank of(PeriodTotals totals) {
      return new ServiceRank(
          totals.key(),
          totals.events(),
          totals.errors(),
          totals.errorRate(),
          totals.latency().percentile(Quantile.P95));
    }
  }

  /** The first {@code request.limit()} services of {@code totals} (one row per service). */
  public static TopResponse of(TopRequest request, List<PeriodTotals> totals) {
    return new TopResponse(
        totals.stream()
            .sorted(comparator(request.order()))
            .limit(request.limit())
            .map(ServiceRank::of)
            .toList());
  }

  static Comparator<PeriodTotals> comparator(TopOrder order) {
    Comparator<PeriodTotals> errors = Comparator.comparingLong(PeriodTotals::errors).reversed();
    Comparator<PeriodTotals> events = Comparator.comparingLong(PeriodTotals::events).reversed();
    Comparator<PeriodTotals> rate = Comparator.comparingDouble(PeriodTotals::errorRate).reversed();
    Comparator<PeriodTotals> ranked =
        switch (order) {
          case ERRORS -> errors.thenComparing(events);
          case EVENTS -> events.thenComparing(errors);
          case ERROR_RATE -> rate.thenComparing(errors).thenComparing(events);
        };
    return ranked.thenComparing(PeriodTotals::key);
  }
}
