package io.devlogs.projects;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What may be shown about an API key: never its hash, never the raw key.
 *
 * @param id the key's id, used to revoke it
 * @param prefix the first 12 characters of the raw key, to recognise it
 * @param expiresAt null if it never expires
 * @param revokedAt null unless revoked
 */
public record ApiKeyInfo(
    String id,
    String projectId,
    String prefix,
    Set<Scope> scopes,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt) {

  public ApiKeyInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(prefix, "prefix");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** {@code revoked}, {@code expired} or {@code active} at this instant. */
  public String status(Instant now) {
    if (revokedAt != null) {
      return "revoked";
    }
    return expiresAt != null && !now.isBefore(expiresAt) ? "expired" : "active";
  }
}
