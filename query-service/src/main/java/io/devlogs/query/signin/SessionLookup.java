package io.devlogs.query.signin;

import java.util.Optional;

/** Resolves a session cookie's raw id to a valid session; empty for unknown or ended ones. */
@FunctionalInterface
public interface SessionLookup {
  Optional<SignedIn> resolve(String rawId);

  /** For apps without people (handler tests): no session is valid. */
  static SessionLookup none() {
    return rawId -> Optional.empty();
  }
}
