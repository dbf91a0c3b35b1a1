package io.devlogs.ingest;

import io.devlogs.ingest.auth.Authenticator;
import io.devlogs.ingest.deadletters.DeadLetterStore;
import io.devlogs.ingest.kafka.EventSink;
import io.devlogs.ingest.ops.Operability;
import io.devlogs.projects.ProjectsDatabase;
import java.time.Clock;

/** {@link IngestDeps} for tests: the parts a test does not exercise fail or answer nothing. */
public final class TestDeps {
  private TestDeps() {}

  /**
   * Key lookup and a sink; no rate limits, always ready, the system clock. The admin routes'
   * project store cannot be reached and dead letters cannot be read. Replace parts with {@code
   * with...}.
   */
  public static IngestDeps of(Authenticator keys, EventSink sink) {
    return new IngestDeps(
        keys,
        () -> {},
        unreachableProjects(),
        sink,
        noDeadLetters(),
        Operability.unlimited(),
        Clock.systemUTC());
  }

  /** As {@link #of}, with the keys, key cache and admin routes of this projects database. */
  public static IngestDeps of(
      ProjectsDatabase projects, Authenticator keys, Runnable onKeyRevoked, EventSink sink) {
    return of(keys, sink).withKeys(keys, onKeyRevoked).withProjects(projects);
  }

  /** A database that is connected to on first use, at a port nothing listens on. */
  private static ProjectsDatabase unreachableProjects() {
    return ProjectsDatabase.connect("jdbc:postgresql://127.0.0.1:1/unused", "unused", "unused");
  }

  private static DeadLetterStore noDeadLetters() {
    return (projectId, selection) -> {
      throw new IllegalStateException("this test has no dead-letter store");
    };
  }
}
