package io.devlogs.query.logs;

import java.util.List;

/**
 * {@code GET /v1/logs/facets}'s answer: matches per level (ignoring the level filter) and of the
 * top services (ignoring the service filter), each by count descending, then by value.
 */
public record Facets(List<FacetCount> levels, List<FacetCount> services) {
  public static final int TOP_SERVICES = 50;

  public Facets {
    levels = List.copyOf(levels);
    services = List.copyOf(services);
  }

  public record FacetCount(String value, long count) {}
}
