package io.devlogs.query.streams;

import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.LogEvent;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /v1/streams/{name}}: one named stream of the authenticated project, a page at a time
 * (oldest first; {@code nextCursor} continues after the page's last event, null on the last page).
 */
public final class StreamsController {
  private final StreamReader reader;
  private final Clock clock;
  private final StreamCursors cursors;

  public StreamsController(StreamReader reader, Clock clock, StreamCursors cursors) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cursors = Objects.requireNonNull(cursors, "cursors");
  }

  /** Response body of a stream fetch. */
  public record StreamResponse(String stream, List<LogEvent> events, String nextCursor) {}

  public void read(Context ctx) {
    String projectId = Authentication.projectId(ctx);
    StreamRequest request =
        StreamRequest.parse(
            projectId,
            ctx.pathParam("name"),
            new RequestParams(ctx.queryParamMap()),
            clock.instant(),
            cursors);
    List<LogEvent> events = reader.read(projectId, request);
    String nextCursor = null;
    if (events.size() > request.limit()) {
      events = events.subList(0, request.limit());
      LogEvent last = events.get(events.size() - 1);
      nextCursor =
          cursors.issue(projectId, request, new StreamPosition(last.timestamp(), last.id()));
    }
    ctx.json(new StreamResponse(request.stream(), events, nextCursor));
  }
}
