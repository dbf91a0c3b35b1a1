package io.devlogs.query.load;

import java.time.Duration;
import java.util.Optional;

/**
 * Stored answers of read routes, by project and {@link CacheKey}. An implementation must never
 * answer one project's entry to another (it checks the project on read, not only the key) and must
 * treat its own failures as a miss: a cache outage makes requests slower, never failed.
 */
public interface ResultCache {

  /** The body stored for this project and key, if it is still fresh. */
  Optional<byte[]> get(String projectId, String key);

  /** Stores the body for {@code ttl}. */
  void put(String projectId, String key, byte[] body, Duration ttl);

  /** A cache that keeps nothing. */
  ResultCache NONE =
      new ResultCache() {
        @Override
        public Optional<byte[]> get(String projectId, String key) {
          return Optional.empty();
        }

        @Override
        public void put(String projectId, String key, byte[] body, Duration ttl) {}
      };
}
