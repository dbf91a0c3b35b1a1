package io.devlogs.query.deadletters;

import io.devlogs.query.logs.EventPosition;
import java.util.List;
import java.util.Optional;

/**
 * Reads one project's dead letters. Implementations throw {@link
 * io.devlogs.query.http.BackendException} when the store cannot answer and an {@link
 * io.devlogs.http.ApiException} 422 when a query is over the store's limits.
 */
public interface DeadLetters {
  /** One page, newest first (time, then id), continuing strictly after {@code after} when given. */
  List<DeadLetter> page(
      String projectId, DeadLetterQuery query, int limit, Optional<EventPosition> after);

  /** Dead letters per cause in the query's range (and causes, when given), most first. */
  List<CauseCount> counts(String projectId, DeadLetterQuery query);
}
