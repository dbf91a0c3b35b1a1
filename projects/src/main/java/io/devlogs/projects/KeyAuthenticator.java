package io.devlogs.projects;

import io.devlogs.settings.Setting;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.AuthKeys;
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
 * PostgreSQL per request, and keeps recently valid keys working through a short PostgreSQL outage.
 * Thread-safe.
 *
 * <p>The revocation bound: a key revoked in PostgreSQL is refused by every process at most one TTL
 * ({@link AuthKeys#KEY_CACHE_TTL_MS}, default {@link #DEFAULT_TTL}) after the revoking transaction
 * commits, because an entry never outlives the TTL counted from the start of the lookup that filled
 * it. A key revoked through this process is refused at once: {@link #invalidateAll()} empties the
 * cache, and a lookup that was already running when it was called is not cached. Expiry is exact: a
 * cached key is refused from its {@code expires_at} on.
 *
 * <p>The outage bound: while the key store cannot be reached, a key that a lookup found valid at
 * most {@link AuthKeys#KEY_OUTAGE_GRACE_MS} ago (default {@link #DEFAULT_OUTAGE_GRACE}) is still
 * honoured; any other key makes {@link #authenticate} throw (the services answer 503). Once the
 * store answers again, every lookup after the TTL asks it, so a key revoked or deleted meanwhile is
 * refused at once. A revocation committed during an outage is therefore seen at most one outage
 * later; set the grace to 0 to refuse every key while the store is down.
 */
public final class KeyAuthenticator {

  /** The cache TTL of {@link AuthKeys#KEY_CACHE_TTL_MS} when no source sets it. */
  public static final Duration DEFAULT_TTL = defaultMillis(AuthKeys.KEY_CACHE_TTL_MS);

  /**
   * Largest TTL accepted, so the revocation bound stays a matter of seconds; the same bound as the
   * type of {@link AuthKeys#KEY_CACHE_TTL_MS}.
   */
  public static final Duration MAX_TTL = Duration.ofSeconds(10);

  /** The outage grace of {@link AuthKeys#KEY_OUTAGE_GRACE_MS} when no source sets it. */
  public static final Duration DEFAULT_OUTAGE_GRACE = defaultMillis(AuthKeys.KEY_OUTAGE_GRACE_MS);

  /**
   * Largest outage grace accepted; the same bound as the type of {@link
   * AuthKeys#KEY_OUTAGE_GRACE_MS}.
   */
  public static final Duration MAX_OUTAGE_GRACE = Duration.ofHours(1);

  /** Upper bound on cached keys, so a flood of random keys cannot grow memory without limit. */
  static final int MAX_ENTRIES = 10_000;

  private final Function<String, Optional<ProjectKey>> lookup;
  private final long ttlMillis;
  private final long graceMillis;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
  private final AtomicLong invalidations = new AtomicLong();

  /**
   * One lookup's result.
   *
   * @param freshUntilMillis until when it is used without asking the store (the TTL)
   * @param lookedUpAtMillis when the lookup started: the outage grace counts from here
   */
  private record Entry(Optional<ProjectKey> result, long freshUntilMillis, long lookedUpAtMillis) {}

  /** The default outage grace. */
  public KeyAuthenticator(ApiKeyStore store, Duration ttl) {
    this(store, ttl, DEFAULT_OUTAGE_GRACE);
  }

  public KeyAuthenticator(ApiKeyStore store, Duration ttl, Duration outageGrace) {
    this(Objects.requireNonNull(store, "store")::authenticate, ttl, outageGrace, Clock.systemUTC());
  }

  /** For tests: any lookup function and clock, the default outage grace. */
  KeyAuthenticator(Function<String, Optional<ProjectKey>> lookup, Duration ttl, Clock clock) {
    this(lookup, ttl, DEFAULT_OUTAGE_GRACE, clock);
  }

  /** For tests: any lookup function and clock. */
  KeyAuthenticator(
      Function<String, Optional<ProjectKey>> lookup,
      Duration ttl,
      Duration outageGrace,
      Clock clock) {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(outageGrace, "outageGrace");
    if (ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException(
          "Key cache TTL ("
              + AuthKeys.KEY_CACHE_TTL_MS.key()
              + ") must be between 0 and "
              + MAX_TTL.toMillis()
              + " ms, was "
              + ttl);
    }
    if (outageGrace.isNegative() || outageGrace.compareTo(MAX_OUTAGE_GRACE) > 0) {
      throw new IllegalArgumentException(
          "Key outage grace ("
              + AuthKeys.KEY_OUTAGE_GRACE_MS.key()
              + ") must be between 0 and "
              + MAX_OUTAGE_GRACE.toMillis()
              + " ms, was "
              + outageGrace);
    }
    this.lookup = lookup;
    this.ttlMillis = ttl.toMillis();
    this.graceMillis = outageGrace.toMillis();
    this.clock = clock;
  }

  /**
   * An authenticator over the store with the TTL of {@link AuthKeys#KEY_CACHE_TTL_MS} and the
   * outage grace of {@link AuthKeys#KEY_OUTAGE_GRACE_MS}.
   *
   * @throws IllegalArgumentException naming the setting and how to set it, if one is not an integer
   *     in its range (TTL 0 to 10000, grace 0 to 3600000 milliseconds)
   */
  public static KeyAuthenticator fromSettings(ApiKeyStore store, Settings settings) {
    return new KeyAuthenticator(
        store,
        Duration.ofMillis(settings.get(AuthKeys.KEY_CACHE_TTL_MS)),
        Duration.ofMillis(settings.get(AuthKeys.KEY_OUTAGE_GRACE_MS)));
  }

  private static Duration defaultMillis(Setting<Integer> setting) {
    return Duration.ofMillis(Long.parseLong(setting.defaultValue()));
  }

  /** How long a key found valid is honoured while the key store cannot be reached. */
  public Duration outageGrace() {
    return Duration.ofMillis(graceMillis);
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
   * @throws IllegalStateException if the key store cannot be reached and the key was not found
   *     valid within the outage grace
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
    if (entry != null && entry.freshUntilMillis() > now) {
      result = entry.result();
    } else {
      long generation = invalidations.get();
      try {
        result = lookup.apply(rawKey);
      } catch (IllegalStateException storeDown) {
        if (entry == null || !withinGrace(entry, now)) {
          throw storeDown;
        }
        // Not stored again: the grace counts from the last answer of the store.
        result = entry.result();
        return result.filter(key -> !key.expiredAt(clock.instant()));
      }
      store(cacheKey, new Entry(result, now + ttlMillis, now), generation, now);
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

  /** A key found valid within the grace, usable while the store is down. */
  private boolean withinGrace(Entry entry, long now) {
    return entry.result().isPresent() && now - entry.lookedUpAtMillis() <= graceMillis;
  }

  private void store(String cacheKey, Entry entry, long generation, long now) {
    if (ttlMillis == 0 && graceMillis == 0) {
      return;
    }
    if (cache.size() >= MAX_ENTRIES) {
      cache.values().removeIf(e -> e.freshUntilMillis() <= now && !withinGrace(e, now));
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
