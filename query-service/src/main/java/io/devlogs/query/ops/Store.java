package io.devlogs.query.ops;

import java.util.Locale;

/** A store the query service reads: the {@code store} label of its store-time metric. */
public enum Store {
  CLICKHOUSE,
  CASSANDRA;

  /** The label value: the name in lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
