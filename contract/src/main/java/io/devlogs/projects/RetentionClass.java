package io.devlogs.projects;

import java.util.Locale;

/** How long a project's events are kept in the stores. */
public enum RetentionClass {
  SHORT(7),
  STANDARD(30),
  LONG(365);

  private final int days;

  RetentionClass(int days) {
    this.days = days;
  }

  /** Days an event is kept after its event time. */
  public int days() {
    return days;
  }

  /** The lower-case name stored in PostgreSQL and typed on the command line. */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The class for a stored or typed name, case-insensitive.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static RetentionClass fromDbValue(String value) {
    for (RetentionClass c : values()) {
      if (c.dbValue().equalsIgnoreCase(value)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "Unknown retention class '" + value + "': expected 'short', 'standard' or 'long'");
  }
}
