package io.devlogs.settings.keys;

import static io.devlogs.settings.Component.INGEST;
import static io.devlogs.settings.Component.QUERY;

import io.devlogs.settings.Setting;
import io.devlogs.settings.ValueType;

/** API keys: how long a lookup is trusted, in both services, and how many a project may hold. */
public final class AuthKeys {
  private AuthKeys() {}

  public static final Setting<Integer> KEY_CACHE_TTL_MS =
      Setting.of(
          "auth.key-cache-ttl-ms",
          ValueType.integer(0, 10_000),
          "3000",
          "how long a key lookup is cached: bounds how late a revocation takes effect",
          INGEST,
          QUERY);

  public static final Setting<Integer> KEY_OUTAGE_GRACE_MS =
      Setting.of(
          "auth.key-outage-grace-ms",
          ValueType.integer(0, 3_600_000),
          "600000",
          "while PostgreSQL is down, a key seen this recently keeps working",
          INGEST,
          QUERY);

  public static final Setting<Integer> MAX_LIVE_KEYS_PER_PROJECT =
      Setting.of(
          "auth.max-live-keys-per-project",
          ValueType.integer(1, 1_000_000),
          "100",
          "unrevoked, unexpired API keys a project may hold; issuing one more (admin API, ProjectsCli) is refused",
          INGEST);
}
