package io.devlogs.query.people;

import java.time.Instant;

/**
 * A stored session and its person.
 *
 * @param idHash the SHA-256 of the cookie's id
 * @param projectId the chosen project, or null
 * @param revokedAt null unless signed out
 */
public record SessionRow(
    String idHash,
    User user,
    String projectId,
    Instant createdAt,
    Instant lastSeenAt,
    Instant expiresAt,
    Instant revokedAt) {}
