package io.devlogs.query.clickhouse;

import java.util.List;

/**
 * SQL text with {@code ?} placeholders and the values to bind, in order. The text depends only on
 * which filters are present and how many values they have, never on the values themselves.
 */
public record SqlQuery(String sql, List<Object> parameters) {
  public SqlQuery {
    parameters = List.copyOf(parameters);
  }
}
