package io.devlogs.query.metrics;

/** The latency percentiles the metrics routes show, and the column each is read from. */
public enum Quantile {
  P50(0.50),
  P95(0.95),
  P99(0.99);

  private final double q;

  Quantile(double q) {
    this.q = q;
  }

  public double q() {
    return q;
  }

  /** The result column holding the bucket of this quantile's rank. */
  String column() {
    return name().toLowerCase(java.util.Locale.ROOT) + "_bucket";
  }
}
