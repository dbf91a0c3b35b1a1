package io.devlogs.query.streams;

import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.LogEvent;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** {@code GET /v1/streams/{name}}: one named stream of the authenticated project. */
public final class StreamsController {
  private final StreamReader reader;
  private final Clock clock;

  public StreamsController(StreamReader reader, Clock clock) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Response body of a stream fetch. */
  public record StreamResponse(String stream, List<LogEvent> events) {}

  public void read(Context ctx) {
    StreamRequest request =
        StreamRequest.parse(
            ctx.pathParam("name"), new RequestParams(ctx.queryParamMap()), clock.instant());
    ctx.json(
        new StreamResponse(request.stream(), reader.read(Authentication.projectId(ctx), request)));
  }
}
