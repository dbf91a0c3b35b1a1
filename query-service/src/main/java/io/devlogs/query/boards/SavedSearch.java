package io.devlogs.query.boards;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A saved search of a project: its search parameters as the search route takes them ({@code q} is
 * kept as written, LogQL included), its time window and chosen columns; private to its owner unless
 * {@code shared} with the project.
 */
public record SavedSearch(
    UUID id,
    String projectId,
    String ownerId,
    String ownerName,
    String name,
    Map<String, List<String>> query,
    TimeWindow window,
    List<String> columns,
    boolean shared,
    Instant createdAt,
    Instant updatedAt) {

  /** What a person saves or changes: everything but the id, owner and times. */
  public record Draft(
      String name,
      Map<String, List<String>> query,
      TimeWindow window,
      List<String> columns,
      boolean shared) {}
}
