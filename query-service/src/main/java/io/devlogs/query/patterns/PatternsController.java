package io.devlogs.query.patterns;

import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.RequestParams;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Objects;

/** {@code GET /v1/patterns}: the authenticated project's top log patterns of a range. */
public final class PatternsController {
  private final Patterns patterns;
  private final Clock clock;

  public PatternsController(Patterns patterns, Clock clock) {
    this.patterns = Objects.requireNonNull(patterns, "patterns");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public void list(Context ctx) {
    PatternsRequest request =
        PatternsRequest.parse(new RequestParams(ctx.queryParamMap()), clock.instant());
    ctx.json(patterns.read(Authentication.projectId(ctx), request));
  }
}
