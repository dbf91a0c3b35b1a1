package io.devlogs.query.boards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.query.http.JsonMapping;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.logs.LogQuery;
import io.devlogs.query.logs.LogSearch;
import io.devlogs.query.logs.LogSearchRequest;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.records.TimeRange;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Takes the snapshot a public link of a saved search answers: the search run as the search route
 * runs it (its range read at the moment the link is made), its newest events ({@code
 * people.public-link.snapshot-events}), as JSON text of at most {@code
 * people.public-link.snapshot-max-bytes}. The public link then answers this text and never reaches
 * the stores.
 */
final class SearchSnapshots {
  private static final ObjectMapper JSON = JsonMapping.objectMapper();

  private final LogSearch search;
  private final int events;
  private final int maxBytes;

  SearchSnapshots(LogSearch search, int events, int maxBytes) {
    this.search = Objects.requireNonNull(search, "search");
    this.events = events;
    this.maxBytes = maxBytes;
  }

  /** The snapshot's JSON: {@code name, query, range, columns, takenAt, events}. */
  record Snapshot(
      String name,
      Map<String, List<String>> query,
      TimeRange range,
      List<String> columns,
      Instant takenAt,
      List<LogEvent> events) {}

  String take(String projectId, SavedSearch saved, Instant now) {
    TimeRange range = saved.window().at(now);
    Map<String, List<String>> params = new LinkedHashMap<>(saved.query());
    params.put("from", List.of(range.from().toString()));
    params.put("to", List.of(range.to().toString()));
    LogQuery query = LogQuery.parse(new RequestParams(params), now);
    List<LogEvent> events =
        search.search(
            projectId, new LogSearchRequest(query, this.events, java.util.Optional.empty()));
    String json;
    try {
      json =
          JSON.writeValueAsString(
              new Snapshot(saved.name(), saved.query(), range, saved.columns(), now, events));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("events are JSON", e);
    }
    if (json.length() > maxBytes) {
      throw new ApiException(
          ErrorCode.QUERY_TOO_LARGE,
          "the snapshot's events are over "
              + maxBytes
              + " bytes (people.public-link.snapshot-max-bytes): narrow the search",
          null);
    }
    return json;
  }
}
