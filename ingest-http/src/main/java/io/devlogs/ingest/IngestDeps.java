package io.devlogs.ingest;

import io.devlogs.ingest.auth.Authenticator;
import io.devlogs.ingest.deadletters.DeadLetterStore;
import io.devlogs.ingest.kafka.EventSink;
import io.devlogs.ingest.ops.Operability;
import io.devlogs.projects.ProjectsDatabase;
import java.time.Clock;
import java.util.Objects;

/**
 * What the HTTP app needs: key lookup, the projects database the admin routes manage, the sink of
 * accepted events, the dead letters to replay, rate limiter, metrics and readiness, and a clock.
 * Tests replace the parts they exercise with the {@code with...} methods.
 *
 * @param keys resolves API keys
 * @param onKeyRevoked called after the admin API revoked a key, to drop cached lookups
 * @param projects the database of projects and keys, for the admin routes
 * @param sink where accepted and replayed events go
 * @param deadLetters where replayed dead letters are read
 * @param ops rate limiter, metrics, readiness and request log
 * @param clock source of received-at times
 */
public record IngestDeps(
    Authenticator keys,
    Runnable onKeyRevoked,
    ProjectsDatabase projects,
    EventSink sink,
    DeadLetterStore deadLetters,
    Operability ops,
    Clock clock) {

  public IngestDeps {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(onKeyRevoked, "onKeyRevoked");
    Objects.requireNonNull(projects, "projects");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Objects.requireNonNull(ops, "ops");
    Objects.requireNonNull(clock, "clock");
  }

  public IngestDeps withKeys(Authenticator keys, Runnable onKeyRevoked) {
    return new IngestDeps(keys, onKeyRevoked, projects, sink, deadLetters, ops, clock);
  }

  public IngestDeps withProjects(ProjectsDatabase projects) {
    return new IngestDeps(keys, onKeyRevoked, projects, sink, deadLetters, ops, clock);
  }

  public IngestDeps withSink(EventSink sink) {
    return new IngestDeps(keys, onKeyRevoked, projects, sink, deadLetters, ops, clock);
  }

  public IngestDeps withDeadLetters(DeadLetterStore deadLetters) {
    return new IngestDeps(keys, onKeyRevoked, projects, sink, deadLetters, ops, clock);
  }

  public IngestDeps withOps(Operability ops) {
    return new IngestDeps(keys, onKeyRevoked, projects, sink, deadLetters, ops, clock);
  }

  public IngestDeps withClock(Clock clock) {
    return new IngestDeps(keys, onKeyRevoked, projects, sink, deadLetters, ops, clock);
  }
}
