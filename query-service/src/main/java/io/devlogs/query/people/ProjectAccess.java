package io.devlogs.query.people;

/** A project a person may open, and their effective role on it. */
public record ProjectAccess(
    String projectId, String projectName, String organisationId, Role role) {}
