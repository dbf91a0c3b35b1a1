package io.devlogs.query.load;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Optional;

/**
 * Results in this process's memory, bounded in bytes, each entry with its own time to live
 * (Caffeine). Entries are keyed by project and key together.
 */
public final class LocalResultCache implements ResultCache {

  private record Entry(byte[] body, long ttlNanos) {}

  private record Slot(String projectId, String key) {}

  private final Cache<Slot, Entry> entries;

  public LocalResultCache(long maxBytes) {
    this.entries =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .<Slot, Entry>weigher((slot, entry) -> entry.body().length + slot.key().length() * 2)
            .expireAfter(
                new Expiry<Slot, Entry>() {
                  @Override
                  public long expireAfterCreate(Slot slot, Entry entry, long now) {
                    return entry.ttlNanos();
                  }

                  @Override
                  public long expireAfterUpdate(
                      Slot slot, Entry entry, long now, long currentDuration) {
                    return entry.ttlNanos();
                  }

                  @Override
                  public long expireAfterRead(
                      Slot slot, Entry entry, long now, long currentDuration) {
                    return currentDuration;
                  }
                })
            .build();
  }

  @Override
  public Optional<byte[]> get(String projectId, String key) {
    return Optional.ofNullable(entries.getIfPresent(new Slot(projectId, key))).map(Entry::body);
  }

  @Override
  public void put(String projectId, String key, byte[] body, Duration ttl) {
    entries.put(new Slot(projectId, key), new Entry(body, ttl.toNanos()));
  }
}
