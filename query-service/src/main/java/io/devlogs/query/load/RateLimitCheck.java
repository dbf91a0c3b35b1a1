package io.devlogs.query.load;

import io.devlogs.query.http.Authentication;
import io.devlogs.query.signin.PeopleRoutes;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/**
 * Before-handler of the API routes, after {@link Authentication}: takes the request's token from
 * its key's and its project's buckets, or answers 429 ({@link QueryRateLimiter}). The people routes
 * (sign-in has its own lockout) are not counted. The live tail has its own limits (sockets per
 * project) and is not counted.
 */
public final class RateLimitCheck implements Handler {

  private final QueryRateLimiter limiter;
  private final String exemptPath;

  public RateLimitCheck(QueryRateLimiter limiter, String exemptPath) {
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.exemptPath = exemptPath;
  }

  @Override
  public void handle(Context ctx) {
    if (!ctx.path().equals(exemptPath) && !PeopleRoutes.isPeoplePath(ctx.path())) {
      limiter.acquire(Authentication.keyId(ctx), Authentication.projectId(ctx));
    }
  }
}
