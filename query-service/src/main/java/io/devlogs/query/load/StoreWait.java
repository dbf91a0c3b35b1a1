package io.devlogs.query.load;

import io.javalin.http.Context;
import jakarta.servlet.ServletRequest;

/**
 * The time a request spent on the store: waiting for a slot of the {@link StoreGate}, running its
 * store queries, or waiting for an identical request's answer ({@link CachedRoute}). Kept as a
 * request attribute so that the {@link FrontDoor} can leave it out of the time it judges: that time
 * says how busy the store is, which the store gate handles, not how busy this process is.
 */
final class StoreWait {

  private static final String ATTRIBUTE = StoreWait.class.getName();

  private StoreWait() {}

  /** Adds {@code nanos} to the request's store time. */
  static void add(Context ctx, long nanos) {
    Long before = ctx.attribute(ATTRIBUTE);
    ctx.attribute(ATTRIBUTE, (before == null ? 0L : before) + nanos);
  }

  /** The request's store time so far, in nanoseconds. */
  static long of(ServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof Long nanos ? nanos : 0L;
  }
}
