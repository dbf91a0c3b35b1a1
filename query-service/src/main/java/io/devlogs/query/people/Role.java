package io.devlogs.query.people;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A person's role on a project, from least to most: a viewer reads what a query key reads, an
 * editor may also change the project's shared things (saved searches, dashboards: later), an admin
 * also manages its members and API keys, an owner also its owners. An organisation owner is an
 * owner of every project of the organisation and reads its audit log.
 */
public enum Role {
  VIEWER,
  EDITOR,
  ADMIN,
  OWNER;

  /** The lower-case name stored in PostgreSQL and used in the API. */
  @JsonValue
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }

  /** The higher of two roles, either of which may be null (none). */
  public static Role higher(Role a, Role b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.atLeast(b) ? a : b;
  }

  /**
   * The role of this name, case-insensitive.
   *
   * @throws IllegalArgumentException naming the roles, for any other text
   */
  public static Role parse(String value) {
    if (value != null) {
      for (Role role : values()) {
        if (role.dbValue().equalsIgnoreCase(value.trim())) {
          return role;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + value + "': expected viewer, editor, admin or owner");
  }

  /** The stored role, or null for a null column. */
  static Role fromColumn(String value) {
    return value == null ? null : parse(value);
  }
}
