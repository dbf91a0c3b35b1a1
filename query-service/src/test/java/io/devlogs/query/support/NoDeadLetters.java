package io.devlogs.query.support;

import io.devlogs.query.deadletters.CauseCount;
import io.devlogs.query.deadletters.DeadLetter;
import io.devlogs.query.deadletters.DeadLetterQuery;
import io.devlogs.query.deadletters.DeadLetters;
import io.devlogs.query.logs.EventPosition;
import java.util.List;
import java.util.Optional;

/** {@link DeadLetters} of a project that has none. */
public final class NoDeadLetters implements DeadLetters {
  @Override
  public List<DeadLetter> page(
      String projectId, DeadLetterQuery query, int limit, Optional<EventPosition> after) {
    return List.of();
  }

  @Override
  public List<CauseCount> counts(String projectId, DeadLetterQuery query) {
    return List.of();
  }
}
