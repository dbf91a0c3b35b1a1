package io.devlogs.query.load;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

/**
 * Results in Redis, shared by every query-service instance. A key is {@code devlogs:q:} and the
 * SHA-256 of project and cache key; the value holds the project ({@link StoredResult}), checked on
 * read. Redis expires entries by their TTL. When Redis fails or is slow (200 ms), a read is a miss
 * and a write is dropped; a warning is logged at most once a minute.
 */
public final class RedisResultCache implements ResultCache, Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisResultCache.class);
  private static final int TIMEOUT_MS = 200;
  private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

  private final JedisPooled redis;
  private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

  /** A pool of connections to the Redis at {@code redis://host:port}. */
  public RedisResultCache(String url) {
    java.net.URI uri = java.net.URI.create(url);
    JedisClientConfig config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(TIMEOUT_MS)
            .socketTimeoutMillis(TIMEOUT_MS)
            .build();
    this.redis = new JedisPooled(new HostAndPort(uri.getHost(), uri.getPort()), config);
  }

  @Override
  public Optional<byte[]> get(String projectId, String key) {
    try {
      return StoredResult.decode(projectId, redis.get(redisKey(projectId, key)));
    } catch (RuntimeException e) {
      warn("read", e);
      return Optional.empty();
    }
  }

  @Override
  public void put(String projectId, String key, byte[] body, Duration ttl) {
    try {
      redis.set(
          redisKey(projectId, key),
          StoredResult.encode(projectId, body),
          SetParams.setParams().px(ttl.toMillis()));
    } catch (RuntimeException e) {
      warn("write", e);
    }
  }

  @Override
  public void close() {
    redis.close();
  }

  private void warn(String what, RuntimeException e) {
    long now = System.nanoTime();
    long last = lastWarning.get();
    if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
      LOG.warn("Redis result cache: {} failed, answering without it: {}", what, e.toString());
    }
  }

  private static byte[] redisKey(String projectId, String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(projectId.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(key.getBytes(StandardCharsets.UTF_8));
      return ("devlogs:q:" + HexFormat.of().formatHex(sha.digest()))
          .getBytes(StandardCharsets.UTF_8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
