package io.devlogs.projects;

import io.devlogs.settings.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Caches successful and failed key lookups for a few seconds so a hot ingest path does not query
 * PostgreSQL per request. Thread-safe.
 *
 * <p>The revocation bound: a key revoked in PostgreSQL is refused by every process at most one TTL
 * ({@value #TTL_SETTING}, default {@link #DEFAULT_TTL}) after the revoking transaction commits,
 * because an entry never outlives the TTL counted from the start of the lookup that filled it. A
 * key revoked through this process is refused at once: {@link #invalidateAll()} empties the cache,
 * and a lookup that was already running when it was called is not cached. Expiry is exact: a cached
 * key is refused from its {@code expires_at} on.
 */
public final class KeyAuthenticator {

  /** Setting for the cache TTL in milliseconds: the revocation bound of other processes. */
  public static final String TTL_SETTING = "auth.key-cache-ttl-ms";

  public static final Duration DEFAULT_TTL = Duration.ofSeconds(3);

  /** Largest TTL accepted, so the revocation bound stays a matter of seconds. */
  public static final Duration MAX_TTL = Duration.ofSeconds(10);

  /** Upper bound on cached keys, so a flood of random keys cannot grow memory without limit. */
  static final int MAX_ENTRIES = 10_000;

  private final Function<String, Optional<ProjectKey>> lookup;
  private final long ttlMillis;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
  private final AtomicLong invalidations = new AtomicLong();

  private record Entry(Optional<ProjectKey> result, long expiresAtMillis) {}

  public KeyAuthenticator(ProjectStore store, Duration ttl) {
    this(Objects.requireNonNull(store, "store")::authenticate, ttl, Clock.systemUTC());
  }

  /** For tests: any lookup function and clock. */
  KeyAuthenticator(Function<String, Optional<ProjectKey>> lookup, Duration ttl, Clock clock) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException(
          "Key cache TTL must be between 0 and " + MAX_TTL.toMillis() + " ms, was " + ttl);
    }
    this.lookup = lookup;
    this.ttlMillis = ttl.toMillis();
    this.clock = clock;
  }

  /**
   * An authenticator over the store with the TTL of {@value #TTL_SETTING}.
   *
   * @throws IllegalArgumentException if the setting is not an integer between 0 and 10000
   */
  public static KeyAuthenticator fromSettings(ProjectStore store, Settings settings) {
    int millis = settings.getInt(TTL_SETTING, (int) DEFAULT_TTL.toMillis());
    if (millis < 0 || millis > MAX_TTL.toMillis()) {
      throw new IllegalArgumentException(
          "Setting '"
              + TTL_SETTING
              + "' must be between 0 and "
              + MAX_TTL.toMillis()
              + " (milliseconds) but was "
              + millis);
    }
    return new KeyAuthenticator(store, Duration.ofMillis(millis));
  }

  /** How long a lookup is cached: the bound on revocations made by other processes. */
  public Duration ttl() {
    return Duration.ofMillis(ttlMillis);
  }

  /**
   * The SHA-256 of a raw key, as the store keeps it: safe to hold in memory or to log, unlike the
   * key itself.
   */
  public static String fingerprint(String rawKey) {
    return ApiKeys.hash(rawKey);
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
   * What the key grants; empty for unknown, revoked or expired keys.
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
    Optional<ProjectKey> result;
    if (entry != null && entry.expiresAtMillis() > now) {
      result = entry.result();
    } else {
      long generation = invalidations.get();
      result = lookup.apply(rawKey);
      store(cacheKey, new Entry(result, now + ttlMillis), generation, now);
    }
    return result.filter(key -> !key.expiredAt(clock.instant()));
  }

  /**
   * Forgets every cached lookup, so a key revoked through this process is refused from the next
   * request on. Revocations are rare and a refill costs one query per active key.
   */
  public void invalidateAll() {
    invalidations.incrementAndGet();
    cache.clear();
  }

  private void store(String cacheKey, Entry entry, long generation, long now) {
    if (ttlMillis == 0) {
      return;
    }
    if (cache.size() >= MAX_ENTRIES) {
      cache.values().removeIf(e -> e.expiresAtMillis() <= now);
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
    }
    cache.put(cacheKey, entry);
    // A lookup that raced with invalidateAll may have read a key before its revocation.
    if (invalidations.get() != generation) {
      cache.remove(cacheKey, entry);
    }
  }
}
