package io.devlogs.query.ops;

import java.util.Locale;

/** How one store query ended: the {@code outcome} label of the store-time metric. */
public enum StoreOutcome {
  /** The store answered. */
  OK,
  /** The store refused the query over one of its limits (422 {@code query_too_large}). */
  LIMIT,
  /** The store failed or did not answer (503 {@code backend_unavailable}). */
  ERROR;

  /** The label value: the name in lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
