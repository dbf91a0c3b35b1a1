package io.devlogs.ingest.auth;

import io.devlogs.projects.ProjectKey;
import java.util.Optional;

/**
 * Resolves a raw API key; in production {@link io.devlogs.projects.KeyAuthenticator#authenticate}.
 */
@FunctionalInterface
public interface Authenticator {
  /** What the key grants; empty for unknown or revoked keys. Throws if the store is unreachable. */
  Optional<ProjectKey> authenticate(String rawKey);
}
