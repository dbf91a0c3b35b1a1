package io.devlogs.query.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Appends SQL fragments and, beside them, the values their {@code ?} placeholders bind. */
public final class SqlBuilder {
  private final StringBuilder sql = new StringBuilder();
  private final List<Object> parameters = new ArrayList<>();

  /**
   * Appends {@code fragment} and binds {@code values} to its placeholders; fails if their numbers
   * differ, so a fragment can never carry a value in its text by mistake.
   */
  public SqlBuilder append(String fragment, Object... values) {
    long placeholders = fragment.chars().filter(c -> c == '?').count();
    if (placeholders != values.length) {
      throw new IllegalArgumentException(
          "fragment has " + placeholders + " placeholders but " + values.length + " values");
    }
    for (Object value : values) {
      parameters.add(Objects.requireNonNull(value, "SQL parameter"));
    }
    sql.append(fragment);
    return this;
  }

  /** Appends {@code (?, ?, ...)} binding each value. */
  public SqlBuilder appendList(List<?> values) {
    sql.append('(');
    for (int i = 0; i < values.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
      parameters.add(Objects.requireNonNull(values.get(i), "SQL parameter"));
    }
    sql.append(')');
    return this;
  }

  public SqlQuery build() {
    return new SqlQuery(sql.toString(), parameters);
  }
}
