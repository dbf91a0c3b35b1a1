package io.devlogs.projects;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an API key may do: write events ({@link #INGEST}), read them ({@link #QUERY}), or manage its
 * project's keys ({@link #ADMIN}). A key has one or more scopes.
 */
public enum Scope {
  INGEST,
  QUERY,
  ADMIN;

  /** The lower-case name stored in PostgreSQL and used in key prefixes ({@code dl_ingest_}). */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The scope for a stored or typed name, case-insensitive.
   *
   * @throws IllegalArgumentException if the name is not {@code ingest}, {@code query} or {@code
   *     admin}
   */
  public static Scope fromDbValue(String value) {
    for (Scope scope : values()) {
      if (scope.dbValue().equalsIgnoreCase(value)) {
        return scope;
      }
    }
    throw new IllegalArgumentException(
        "Unknown scope '" + value + "': expected 'ingest', 'query' or 'admin'");
  }

  /**
   * The scopes for a list of names (duplicates collapse).
   *
   * @throws IllegalArgumentException if the list is empty or holds an unknown name
   */
  public static Set<Scope> fromDbValues(Collection<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException(
          "A key needs at least one scope among 'ingest', 'query' and 'admin'");
    }
    EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String value : values) {
      scopes.add(fromDbValue(value));
    }
    return Set.copyOf(scopes);
  }
}
