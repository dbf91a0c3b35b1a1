package io.devlogs.projects;

import java.util.Locale;

/** What an API key may do: write events ({@link #INGEST}) or read them ({@link #QUERY}). */
public enum Scope {
  INGEST,
  QUERY;

  /** The lower-case name stored in PostgreSQL and used in key prefixes ({@code dl_ingest_}). */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The scope for a stored or typed name, case-insensitive.
   *
   * @throws IllegalArgumentException if the name is neither {@code ingest} nor {@code query}
   */
  public static Scope fromDbValue(String value) {
    for (Scope scope : values()) {
      if (scope.dbValue().equalsIgnoreCase(value)) {
        return scope;
      }
    }
    throw new IllegalArgumentException(
        "Unknown scope '" + value + "': expected 'ingest' or 'query'");
  }
}
