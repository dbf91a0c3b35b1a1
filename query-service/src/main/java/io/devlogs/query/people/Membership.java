package io.devlogs.query.people;

/**
 * A person's membership of an organisation.
 *
 * @param role their role on every project of it; null if none by default
 */
public record Membership(String organisationId, String organisationName, Role role) {
  public boolean owner() {
    return role == Role.OWNER;
  }
}
