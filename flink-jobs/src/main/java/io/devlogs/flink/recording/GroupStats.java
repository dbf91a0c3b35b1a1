package io.devlogs.flink.recording;

import io.devlogs.flink.aggregate.LatencyHistogram;

/**
 * What one group of a recording rule holds for one minute: the matching events, and over those that
 * carried the rule's field as a number their count, exact sum, minimum and maximum, and a {@link
 * LatencyHistogram} of the values {@code >= 0} (the job's mergeable log-scale sketch, 1% relative
 * error) from which the quantiles are read. Mergeable.
 *
 * <p>Plain Java, no Flink types; the getters and setters exist so Flink serializes it as a POJO.
 */
public final class GroupStats {

  private long events;
  private long values;
  private double sum;
  private double min;
  private double max;
  private LatencyHistogram histogram = new LatencyHistogram();

  public GroupStats() {}

  /** Counts one matching event; {@code value} is NaN when it carried no number. */
  public void add(double value) {
    events++;
    if (Double.isNaN(value)) {
      return;
    }
    min = values == 0 ? value : Math.min(min, value);
    max = values == 0 ? value : Math.max(max, value);
    values++;
    sum += value;
    histogram.add(value);
  }

  /** Adds {@code other}'s events and values to these. */
  public void merge(GroupStats other) {
    events += other.events;
    if (other.values > 0) {
      min = values == 0 ? other.min : Math.min(min, other.min);
      max = values == 0 ? other.max : Math.max(max, other.max);
      values += other.values;
      sum += other.sum;
      histogram.merge(other.histogram);
    }
  }

  /** The nearest-rank quantile {@code q} of the values {@code >= 0}; 0 when there are none. */
  public double quantile(double q) {
    return histogram.percentile(q);
  }

  public long events() {
    return events;
  }

  public long values() {
    return values;
  }

  public double sum() {
    return sum;
  }

  /** The smallest value, 0 when there is none. */
  public double min() {
    return min;
  }

  /** The largest value, 0 when there is none. */
  public double max() {
    return max;
  }

  public LatencyHistogram histogram() {
    return histogram;
  }

  // ---- POJO accessors for Flink's serializer; not for application code ----

  public long getEvents() {
    return events;
  }

  public void setEvents(long events) {
    this.events = events;
  }

  public long getValues() {
    return values;
  }

  public void setValues(long values) {
    this.values = values;
  }

  public double getSum() {
    return sum;
  }

  public void setSum(double sum) {
    this.sum = sum;
  }

  public double getMin() {
    return min;
  }

  public void setMin(double min) {
    this.min = min;
  }

  public double getMax() {
    return max;
  }

  public void setMax(double max) {
    this.max = max;
  }

  public LatencyHistogram getHistogram() {
    return histogram;
  }

  public void setHistogram(LatencyHistogram histogram) {
    this.histogram = histogram;
  }
}
