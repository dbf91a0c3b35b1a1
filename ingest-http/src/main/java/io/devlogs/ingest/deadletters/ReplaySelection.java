package io.devlogs.ingest.deadletters;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Which dead letters of a project to replay: those received in {@code [since, until)}, of the given
 * causes (all when empty) and ids (all when empty), oldest first, at most {@code limit}.
 */
public record ReplaySelection(
    Instant since, Instant until, List<String> causes, List<String> ids, int limit) {

  public ReplaySelection {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    causes = List.copyOf(causes);
    ids = List.copyOf(ids);
    if (!since.isBefore(until)) {
      throw new IllegalArgumentException("since " + since + " must be before until " + until);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }
}
