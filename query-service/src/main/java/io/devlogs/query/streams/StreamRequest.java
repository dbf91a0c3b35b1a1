package io.devlogs.query.streams;

import io.devlogs.http.ApiException;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated {@code GET /v1/streams/{name}} request: the range (capped so that at most {@code
 * MAX_SPAN.toDays() + 1} day partitions are read), the page size, and where the page starts (after
 * the position of a cursor, or at the start of the range).
 */
public record StreamRequest(
    String stream, TimeRange range, int limit, Optional<StreamPosition> after) {
  public static final Duration DEFAULT_SPAN = Duration.ofHours(24);
  public static final Duration MAX_SPAN = Duration.ofDays(31);
  public static final int DEFAULT_LIMIT = 1000;
  public static final int MAX_LIMIT = 5000;
  static final int MAX_NAME_LENGTH = 256;
  private static final Set<String> PARAMETERS = Set.of("from", "to", "limit", "cursor");

  public StreamRequest {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(after, "after");
  }

  /** The first page of a stream. */
  public StreamRequest(String stream, TimeRange range, int limit) {
    this(stream, range, limit, Optional.empty());
  }

  /**
   * Parses the path's stream name and {@code from, to, limit, cursor}; 400 naming the bad
   * parameter. With a cursor the range is the cursor's: {@code from}/{@code to} may be left out,
   * and if given must be the same.
   */
  public static StreamRequest parse(
      String projectId, String name, RequestParams params, Instant now, StreamCursors cursors) {
    if (name == null || name.isBlank()) {
      throw ApiException.badParameter("name", "stream name is empty");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw ApiException.badParameter("name", "longer than " + MAX_NAME_LENGTH + " characters");
    }
    params.rejectUnknown(PARAMETERS);
    int limit = params.limit(DEFAULT_LIMIT, MAX_LIMIT);
    Optional<String> cursor = params.single("cursor");
    if (cursor.isEmpty()) {
      return new StreamRequest(name, params.timeRange(now, DEFAULT_SPAN, MAX_SPAN), limit);
    }
    StreamCursors.StreamCursor opened = cursors.open(cursor.get(), projectId, name);
    for (String bound : List.of("from", "to")) {
      Optional<Instant> given = params.instant(bound);
      Instant issued = bound.equals("from") ? opened.range().from() : opened.range().to();
      if (given.isPresent() && !given.get().equals(issued)) {
        throw ApiException.badParameter(
            "cursor", "was issued for " + bound + "=" + issued + ", not " + given.get());
      }
    }
    return new StreamRequest(name, opened.range(), limit, Optional.of(opened.after()));
  }

  /** The day partitions to read, oldest first: from the cursor's day, or the range's first. */
  public List<LocalDate> days() {
    List<LocalDate> days = range.utcDays();
    if (after.isEmpty()) {
      return days;
    }
    LocalDate first = after.get().day();
    return days.stream().filter(day -> !day.isBefore(first)).toList();
  }
}
