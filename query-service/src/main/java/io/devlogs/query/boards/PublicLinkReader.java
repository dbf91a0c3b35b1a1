package io.devlogs.query.boards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.load.QueryRateLimiter;
import io.devlogs.query.people.Secrets;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.streams.StreamCursors;
import io.devlogs.query.streams.StreamPosition;
import io.devlogs.query.streams.StreamReader;
import io.devlogs.query.streams.StreamRequest;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /v1/public/{token}}: what a public link answers, to anyone holding its token and to
 * nothing else: its stream (a page at a time, {@code cursor} and {@code limit} as on the stream
 * route; the range is the link's) or its saved search's snapshot. A token that is unknown, expired
 * or revoked gets one 404 for all three. Requests are counted against the link's project's rate
 * limit under the link's own bucket, and audited ({@link PublicLinkReadAudit}).
 */
public final class PublicLinkReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> STREAM_PARAMETERS = Set.of("cursor", "limit");

  private final PublicLinks links;
  private final StreamReader streams;
  private final StreamCursors cursors;
  private final QueryRateLimiter limiter;
  private final PublicLinkReadAudit audit;
  private final Clock clock;

  public PublicLinkReader(
      PublicLinks links,
      StreamReader streams,
      StreamCursors cursors,
      QueryRateLimiter limiter,
      PublicLinkReadAudit audit,
      Clock clock) {
    this.links = Objects.requireNonNull(links, "links");
    this.streams = Objects.requireNonNull(streams, "streams");
    this.cursors = Objects.requireNonNull(cursors, "cursors");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What the holder of a link learns about it: never its project or its creator. */
  public record PublicView(
      PublicLink.Kind kind, String title, String stream, Instant createdAt, Instant expiresAt) {}

  public record StreamAnswer(PublicView link, List<LogEvent> events, String nextCursor) {}

  public record SnapshotAnswer(PublicView link, JsonNode snapshot) {}

  public void read(Context ctx) {
    String token = ctx.pathParam("token");
    Instant now = clock.instant();
    PublicLink link =
        links
            .open(token, now)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.NOT_FOUND,
                        "no such link: it does not exist, has expired or was revoked"));
    limiter.acquire("public:" + Secrets.sha256(token).substring(0, 32), link.projectId());
    audit.read(link.id(), link.projectId(), ctx.ip());
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Robots-Tag", "noindex");
    PublicView view =
        new PublicView(
            link.kind(), link.title(), link.stream(), link.createdAt(), link.expiresAt());
    if (link.kind() == PublicLink.Kind.SEARCH_SNAPSHOT) {
      new RequestParams(ctx.queryParamMap()).rejectUnknown(Set.of());
      try {
        ctx.json(new SnapshotAnswer(view, JSON.readTree(link.snapshot())));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("public link " + link.id() + " holds a broken snapshot", e);
      }
      return;
    }
    ctx.json(stream(link, view, new RequestParams(ctx.queryParamMap()), now));
  }

  private StreamAnswer stream(PublicLink link, PublicView view, RequestParams given, Instant now) {
    given.rejectUnknown(STREAM_PARAMETERS);
    Map<String, List<String>> params = new HashMap<>();
    given.single("limit").ifPresent(limit -> params.put("limit", List.of(limit)));
    given.single("cursor").ifPresent(cursor -> params.put("cursor", List.of(cursor)));
    if (!params.containsKey("cursor")) {
      Instant to = link.rangeTo() != null ? link.rangeTo() : now;
      Instant earliest = to.minus(StreamRequest.MAX_SPAN);
      Instant from = link.rangeFrom().isBefore(earliest) ? earliest : link.rangeFrom();
      params.put("from", List.of(from.toString()));
      params.put("to", List.of(to.toString()));
    }
    String projectId = link.projectId();
    StreamRequest request =
        StreamRequest.parse(projectId, link.stream(), new RequestParams(params), now, cursors);
    List<LogEvent> events = streams.read(projectId, request);
    String nextCursor = null;
    if (events.size() > request.limit()) {
      events = events.subList(0, request.limit());
      LogEvent last = events.get(events.size() - 1);
      nextCursor =
          cursors.issue(projectId, request, new StreamPosition(last.timestamp(), last.id()));
    }
    return new StreamAnswer(view, events, nextCursor);
  }
}
