package io.devlogs.query.status;

import java.time.Instant;
import java.util.Optional;

/** Where a project's searchable data ends. */
public interface ProjectFreshness {
  /**
   * The project's newest searchable event among those of the last {@link FreshnessSql#LOOK_BACK}
   * (by event time), or empty when it has none. Throws {@link
   * io.devlogs.query.http.BackendException} when the store does not answer.
   */
  Optional<NewestEvent> newest(String projectId, Instant now);
}
