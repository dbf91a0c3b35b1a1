package io.devlogs.projects;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Caches successful and failed lookups for a few seconds so a hot ingest path does not query
 * PostgreSQL per request. A revoked key therefore stays valid for at most one TTL. Thread-safe.
 */
public final class KeyAuthenticator {

  /** Upper bound on cached keys, so a flood of random keys cannot grow memory without limit. */
  static final int MAX_ENTRIES = 10_000;

  private final Function<String, Optional<ProjectKey>> lookup;
  private final long ttlMillis;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  private record Entry(Optional<ProjectKey> result, long expiresAtMillis) {}

  public KeyAuthenticator(ProjectStore store, Duration ttl) {
    this(Objects.requireNonNull(store, "store")::authenticate, ttl, Clock.systemUTC());
  }

  /** For tests: any lookup function and clock. */
  KeyAuthenticator(Function<String, Optional<ProjectKey>> lookup, Duration ttl, Clock clock) {
    this.lookup = lookup;
    this.ttlMillis = ttl.toMillis();
    this.clock = clock;
  }

  /**
   * Bearer token from an Authorization header value ({@code Bearer <token>}, scheme
   * case-insensitive), or empty if the header is missing, of another scheme or has no token.
   */
  public static Optional<String> bearerToken(String authorizationHeader) {
    if (authorizationHeader == null) {
      return Optional.empty();
    }
    String header = authorizationHeader.trim();
    int space = header.indexOf(' ');
    if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
      return Optional.empty();
    }
    String token = header.substring(space + 1).trim();
    return token.isEmpty() || token.contains(" ") ? Optional.empty() : Optional.of(token);
  }

  /**
   * What the key grants; empty for unknown or revoked keys.
   *
   * @throws IllegalStateException if the key store cannot be reached (not cached)
   */
  public Optional<ProjectKey> authenticate(String rawKey) {
    if (rawKey == null || rawKey.isEmpty()) {
      return Optional.empty();
    }
    // Cache by hash so raw keys do not sit in the heap longer than the request.
    String cacheKey = ApiKeys.hash(rawKey);
    long now = clock.millis();
    Entry entry = cache.get(cacheKey);
    if (entry != null && entry.expiresAtMillis() > now) {
      return entry.result();
    }
    Optional<ProjectKey> result = lookup.apply(rawKey);
    if (cache.size() >= MAX_ENTRIES) {
      cache.values().removeIf(e -> e.expiresAtMillis() <= now);
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
    }
    cache.put(cacheKey, new Entry(result, now + ttlMillis));
    return result;
  }
}
