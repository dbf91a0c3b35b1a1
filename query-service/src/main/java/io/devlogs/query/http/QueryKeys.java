package io.devlogs.query.http;

import io.devlogs.projects.ProjectKey;
import java.util.Optional;

/**
 * Resolves a raw API key to what it grants. In production {@code KeyAuthenticator::authenticate};
 * in handler tests a map.
 */
@FunctionalInterface
public interface QueryKeys {
  Optional<ProjectKey> authenticate(String rawKey);
}
