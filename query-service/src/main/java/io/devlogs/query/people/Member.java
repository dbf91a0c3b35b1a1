package io.devlogs.query.people;

/**
 * A person with a role on a project.
 *
 * @param organisationRole their role on every project of the organisation, or null
 * @param projectRole their role on this project alone, or null
 * @param role the effective role: the higher of the two
 */
public record Member(User user, Role organisationRole, Role projectRole, Role role) {}
