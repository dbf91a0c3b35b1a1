package io.devlogs.ingest.deadletters;

import io.devlogs.deadletters.DeadLetterRow;
import java.util.List;

/** Reads one project's stored dead letters: ClickHouse in production. */
public interface DeadLetterStore {

  /**
   * The project's dead letters that match, oldest first.
   *
   * @throws IllegalStateException when the store cannot be reached
   */
  List<DeadLetterRow> select(String projectId, ReplaySelection selection);
}
