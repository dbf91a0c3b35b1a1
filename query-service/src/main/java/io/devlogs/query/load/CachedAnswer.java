package io.devlogs.query.load;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * A cached answer and until when it is fresh, as stored in a {@link ResultCache}: the time in epoch
 * milliseconds (8 bytes), then the body. An entry is kept longer than it is fresh, so that a
 * request the store cannot take may still get it, marked stale.
 */
record CachedAnswer(byte[] body, long freshUntilMillis) {

  byte[] encode() {
    return ByteBuffer.allocate(Long.BYTES + body.length)
        .putLong(freshUntilMillis)
        .put(body)
        .array();
  }

  /** The answer in {@code stored}, or empty when it is too short to be one. */
  static Optional<CachedAnswer> decode(byte[] stored) {
    if (stored.length < Long.BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        new CachedAnswer(
            Arrays.copyOfRange(stored, Long.BYTES, stored.length),
            ByteBuffer.wrap(stored).getLong()));
  }

  boolean freshAt(long nowMillis) {
    return nowMillis < freshUntilMillis;
  }
}
