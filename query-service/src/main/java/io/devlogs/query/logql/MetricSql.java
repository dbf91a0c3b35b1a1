package io.devlogs.query.logql;

import io.devlogs.query.clickhouse.SqlQuery;
import java.util.List;

/**
 * A compiled metric query: rows of {@code k} (the evaluation's index: time {@code startNanos + k *
 * stepNanos}), one column {@code g<depth>_<i>} per label of {@link #labels} and {@code value},
 * ordered by series then time. Evaluations without events have no row.
 *
 * @param labels the label names of the series, in column order
 * @param depth the number in the label columns' names
 */
public record MetricSql(
    SqlQuery query, List<String> labels, int depth, long startNanos, long stepNanos, int steps) {
  public MetricSql {
    labels = List.copyOf(labels);
  }

  /** The name of the result column of label {@code i}. */
  public String labelColumn(int i) {
    return "g" + depth + "_" + i;
  }

  /** The most rows the statement can answer: every label set at every step is bounded by this. */
  public long maxRows(long maxSeries) {
    return maxSeries * steps;
  }
}
