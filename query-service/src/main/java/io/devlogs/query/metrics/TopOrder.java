package io.devlogs.query.metrics;

import java.util.Optional;

/** How {@code GET /v1/metrics/top} ranks services (ties: the other counts, then the name). */
public enum TopOrder {
  ERRORS("errors"),
  EVENTS("events"),
  ERROR_RATE("errorRate");

  private final String label;

  TopOrder(String label) {
    this.label = label;
  }

  /** The name in the API: {@code errors}, {@code events}, {@code errorRate}. */
  public String label() {
    return label;
  }

  /** The order named {@code text} exactly (case-insensitive), or empty. */
  public static Optional<TopOrder> parse(String text) {
    for (TopOrder order : values()) {
      if (order.label.equalsIgnoreCase(text.trim())) {
        return Optional.of(order);
      }
    }
    return Optional.empty();
  }
}
