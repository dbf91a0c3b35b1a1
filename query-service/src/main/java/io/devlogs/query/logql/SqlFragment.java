package io.devlogs.query.logql;

import java.util.ArrayList;
import java.util.List;

/** A piece of SQL with {@code ?} placeholders and the values they bind, composed before use. */
record SqlFragment(String sql, List<Object> parameters) {
  SqlFragment {
    parameters = List.copyOf(parameters);
  }

  static SqlFragment of(String sql, Object... parameters) {
    return new SqlFragment(sql, List.of(parameters));
  }

  /**
   * Fills each {@code %s} of {@code template} with a fragment, in order; the template's own text
   * holds no placeholders.
   */
  static SqlFragment format(String template, SqlFragment... parts) {
    StringBuilder sql = new StringBuilder();
    List<Object> parameters = new ArrayList<>();
    String[] pieces = template.split("%s", -1);
    if (pieces.length != parts.length + 1) {
      throw new IllegalArgumentException("template needs " + (pieces.length - 1) + " parts");
    }
    for (int i = 0; i < parts.length; i++) {
      sql.append(pieces[i]).append(parts[i].sql);
      parameters.addAll(parts[i].parameters);
    }
    sql.append(pieces[parts.length]);
    return new SqlFragment(sql.toString(), parameters);
  }
}
