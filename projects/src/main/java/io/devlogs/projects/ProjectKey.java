package io.devlogs.projects;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What an authenticated API key grants: some scopes on one project, until an optional expiry.
 *
 * @param expiresAt when the key stops working; null if it never expires
 */
public record ProjectKey(String projectId, Set<Scope> scopes, Instant expiresAt) {
  public ProjectKey {
    Objects.requireNonNull(projectId, "projectId");
    scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a key needs at least one scope");
    }
  }

  /** A key with one scope that never expires. */
  public ProjectKey(String projectId, Scope scope) {
    this(projectId, Set.of(Objects.requireNonNull(scope, "scope")), null);
  }

  /** Whether the key grants this scope. */
  public boolean has(Scope scope) {
    return scopes.contains(scope);
  }

  /** Whether the key has expired at this instant. */
  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}
