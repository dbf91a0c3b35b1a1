package io.devlogs.query.alerts;

import io.devlogs.alerts.AlertKind;
import io.devlogs.alerts.AlertRule;
import io.devlogs.alerts.DerivedMetric;
import io.devlogs.query.logs.Histogram;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * What a rule would have done over stored data: the rule evaluated at the end of every minute over
 * per-minute counts of its matching events (and of those that are errors), with its window, its
 * comparison and its {@code for} duration, giving the value at each minute and the episodes in
 * which it would have fired and resolved. Pure; the counts come from the same filters as search.
 *
 * <p>Minute resolution: the job decides on each event within seconds, so a preview can place a
 * firing up to a minute later than the job would, and a window is rounded up to whole minutes.
 */
public final class RulePreview {
  public static final Duration STEP = Duration.ofMinutes(1);
  public static final Duration SPAN = Duration.ofHours(24);

  private RulePreview() {}

  /** The rule's value at the end of one minute, and whether its condition held. */
  public record Point(Instant at, double value, boolean holds) {}

  /**
   * One alert: pending from {@code pendingAt}, firing from {@code firedAt}, resolved at {@code
   * resolvedAt} (null: still firing at the end of the preview).
   */
  public record Episode(Instant pendingAt, Instant firedAt, Instant resolvedAt, double peak) {}

  /**
   * The preview's answer; {@code unavailable} says why a kind has none (null when there is one).
   */
  public record Result(
      Instant from,
      Instant to,
      long stepSeconds,
      int windowSeconds,
      String op,
      double threshold,
      int forSeconds,
      List<Point> points,
      List<Episode> episodes,
      boolean firingAtEnd,
      String unavailable) {}

  /** Why the rule's kind has no preview, or empty when it has one. */
  public static java.util.Optional<String> unavailable(AlertRule rule) {
    return switch (rule.kind()) {
      case MATCH_COUNT, ERROR_RATE, ABSENCE, DERIVED_METRIC -> java.util.Optional.empty();
      case LATENCY_PERCENTILE ->
          java.util.Optional.of(
              "no preview for latency_percentile rules yet: the service's p50, p95 and p99 per"
                  + " minute are on the metrics page (GET /v1/metrics/series)");
      case NEW_PATTERN ->
          java.util.Optional.of(
              "no preview for new_pattern rules: a pattern is new against the patterns the rule"
                  + " has seen since it was loaded, which stored data cannot replay; the patterns"
                  + " page shows when each pattern first appeared");
    };
  }

  /** The answer for a rule whose kind has no preview: no points, and the reason. */
  public static Result unavailable(AlertRule rule, Instant evaluateFrom, Instant to) {
    return unavailable(rule, evaluateFrom, to, unavailable(rule).orElseThrow());
  }

  /** The answer for a rule whose stored data cannot be previewed: no points, and {@code why}. */
  public static Result unavailable(AlertRule rule, Instant evaluateFrom, Instant to, String why) {
    return new Result(
        evaluateFrom,
        to,
        STEP.toSeconds(),
        rule.windowSeconds(),
        rule.op().symbol(),
        rule.threshold(),
        rule.forSeconds(),
        List.of(),
        List.of(),
        false,
        why);
  }

  /**
   * Evaluates a {@code derived_metric} rule at every minute end in {@code [evaluateFrom, to]} over
   * {@code minuteValues} (the watched groups' value per minute start, from {@code
   * recorded_minutes}): the window is the whole minutes before each end, added up by the rule's
   * {@code over}; a window without a value does not hold. The job's window ends at the newest
   * minute the metric has, which is the minute before the end while the metric flows.
   */
  public static Result evaluateDerived(
      AlertRule rule, SortedMap<Instant, Double> minuteValues, Instant evaluateFrom, Instant to) {
    DerivedMetric watch = rule.metric().orElseThrow();
    Duration window = STEP.multipliedBy(windowMinutes(rule));
    List<Point> points = new ArrayList<>();
    for (Instant end = evaluateFrom; !end.isAfter(to); end = end.plus(STEP)) {
      double value =
          watch.over().of(new ArrayList<>(minuteValues.subMap(end.minus(window), end).values()));
      boolean holds = !Double.isNaN(value) && rule.op().holds(value, rule.threshold());
      points.add(new Point(end, Double.isNaN(value) ? 0 : value, holds));
    }
    return episodes(rule, points, evaluateFrom, to, rule.op().symbol(), rule.threshold());
  }

  /** How far before {@code evaluateFrom} the counts must reach so the first window is full. */
  public static Instant countsFrom(AlertRule rule, Instant evaluateFrom) {
    return evaluateFrom.minus(STEP.multipliedBy(windowMinutes(rule)));
  }

  /**
   * Evaluates the rule over {@code counts} (one-minute buckets, oldest first, starting at {@link
   * #countsFrom}) at every minute end in {@code [evaluateFrom, to]}.
   */
  public static Result evaluate(
      AlertRule rule, Histogram counts, Instant evaluateFrom, Instant to) {
    Objects.requireNonNull(rule, "rule");
    if (counts.intervalSeconds() != STEP.toSeconds()) {
      throw new IllegalArgumentException(
          "counts must be per minute, were " + counts.intervalSeconds());
    }
    List<Histogram.Bucket> buckets = counts.buckets();
    int window = windowMinutes(rule);
    Instant dataStart = buckets.isEmpty() ? evaluateFrom : buckets.get(0).start();
    List<Point> points = new ArrayList<>();
    long events = 0;
    long errors = 0;
    Instant lastEventEnd = null;
    for (int i = 0; i < buckets.size(); i++) {
      Histogram.Bucket bucket = buckets.get(i);
      events += bucket.count();
      errors += bucket.errors();
      if (i >= window) {
        events -= buckets.get(i - window).count();
        errors -= buckets.get(i - window).errors();
      }
      Instant end = bucket.start().plus(STEP);
      if (bucket.count() > 0) {
        lastEventEnd = end;
      }
      if (end.isBefore(evaluateFrom) || end.isAfter(to.plus(STEP))) {
        continue;
      }
      double value;
      boolean holds;
      if (rule.kind() == AlertKind.MATCH_COUNT) {
        value = events;
        holds = rule.op().holds(value, rule.threshold());
      } else if (rule.kind() == AlertKind.ERROR_RATE) {
        value = events == 0 ? 0 : (double) errors / events;
        holds = events > 0 && rule.op().holds(value, rule.threshold());
      } else {
        Instant since = lastEventEnd == null ? dataStart : lastEventEnd;
        value = Duration.between(since, end).toSeconds();
        holds = events == 0 && value >= rule.windowSeconds();
      }
      points.add(new Point(end, value, holds));
    }
    return episodes(
        rule,
        points,
        evaluateFrom,
        to,
        rule.kind() == AlertKind.ABSENCE ? ">=" : rule.op().symbol(),
        rule.kind() == AlertKind.ABSENCE ? rule.windowSeconds() : rule.threshold());
  }

  /** The episodes of {@code points}: when the condition held, for the rule's {@code for}. */
  private static Result episodes(
      AlertRule rule,
      List<Point> points,
      Instant evaluateFrom,
      Instant to,
      String op,
      double threshold) {
    List<Episode> episodes = new ArrayList<>();
    Instant holdingSince = null;
    Instant firedAt = null;
    double peak = 0;
    for (Point point : points) {
      Instant end = point.at();
      double value = point.value();
      if (point.holds()) {
        if (holdingSince == null) {
          holdingSince = end;
          peak = value;
        }
        peak = extreme(rule, peak, value);
        if (firedAt == null
            && Duration.between(holdingSince, end).toSeconds() >= rule.forSeconds()) {
          firedAt = end;
        }
      } else {
        if (firedAt != null) {
          episodes.add(new Episode(holdingSince, firedAt, end, peak));
        }
        holdingSince = null;
        firedAt = null;
      }
    }
    if (firedAt != null) {
      episodes.add(new Episode(holdingSince, firedAt, null, peak));
    }
    return new Result(
        evaluateFrom,
        to,
        STEP.toSeconds(),
        rule.windowSeconds(),
        op,
        threshold,
        rule.forSeconds(),
        points,
        episodes,
        firedAt != null,
        null);
  }

  /** The value furthest past the threshold in the direction the rule looks. */
  private static double extreme(AlertRule rule, double peak, double value) {
    return switch (rule.op()) {
      case LT, LE -> Math.min(peak, value);
      default -> Math.max(peak, value);
    };
  }

  static int windowMinutes(AlertRule rule) {
    return (int) Math.max(1, (rule.windowSeconds() + STEP.toSeconds() - 1) / STEP.toSeconds());
  }
}
