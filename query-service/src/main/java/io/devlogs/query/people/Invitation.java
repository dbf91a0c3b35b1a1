package io.devlogs.query.people;

import java.time.Instant;

/**
 * An invitation, without its token.
 *
 * @param projectId the project the role is on; null for every project of the organisation
 */
public record Invitation(
    String id,
    String organisationId,
    String organisationName,
    String projectId,
    String projectName,
    Role role,
    String email,
    Instant createdAt,
    Instant expiresAt) {}
