package io.devlogs.query.status;

import io.devlogs.ops.health.Durations;
import io.devlogs.ops.health.PipelineAssessment;
import io.devlogs.ops.health.PipelineHealth;
import io.devlogs.ops.health.PipelineVerdict;
import io.devlogs.query.deadletters.CauseCount;
import io.devlogs.query.deadletters.DeadLetterQuery;
import io.devlogs.query.deadletters.DeadLetters;
import io.devlogs.query.http.BackendException;
import io.devlogs.query.records.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds a project's {@link ProjectStatus}: the pipeline's health (shared, cached by the caller),
 * the project's newest event and its dead letters of the last hour, and the verdict, worst first:
 * {@code down} (job not RUNNING, JobManager or ClickHouse not answering), {@code stalled} (no
 * recent checkpoint, or falling behind), {@code stale} (nothing received for the project within
 * {@code health.stale-after}), else {@code ok}.
 */
public final class ProjectStatuses {
  private static final Duration DEAD_LETTER_SPAN = Duration.ofHours(1);

  private final Supplier<PipelineHealth> pipeline;
  private final ProjectFreshness freshness;
  private final DeadLetters deadLetters;
  private final StatusBounds bounds;
  private final Clock clock;

  public ProjectStatuses(
      Supplier<PipelineHealth> pipeline,
      ProjectFreshness freshness,
      DeadLetters deadLetters,
      StatusBounds bounds,
      Clock clock) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.freshness = Objects.requireNonNull(freshness, "freshness");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.bounds = Objects.requireNonNull(bounds, "bounds");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public ProjectStatus of(String projectId) {
    Instant now = clock.instant();
    PipelineHealth health = pipeline.get();
    List<String> problems = new ArrayList<>(health.problems());
    Optional<NewestEvent> newest = Optional.empty();
    boolean storeAnswered = true;
    try {
      newest = freshness.newest(projectId, now);
    } catch (BackendException e) {
      storeAnswered = false;
      problems.add("ClickHouse did not answer for the newest event: " + e.getMessage());
    }
    Long deadLettersLastHour = null;
    try {
      deadLettersLastHour =
          deadLetters
              .counts(
                  projectId,
                  new DeadLetterQuery(new TimeRange(now.minus(DEAD_LETTER_SPAN), now), List.of()))
              .stream()
              .mapToLong(CauseCount::count)
              .sum();
    } catch (BackendException e) {
      problems.add("ClickHouse did not answer for dead letters: " + e.getMessage());
    }
    PipelineAssessment assessment = verdict(health, newest, storeAnswered, now);
    Optional<Duration> freshnessAge =
        newest.map(event -> Duration.between(event.receivedAt(), now));
    return new ProjectStatus(
        assessment.verdict().word(),
        assessment.reason(),
        now,
        newest.orElse(null),
        freshnessAge.map(ProjectStatuses::seconds).orElse(null),
        new ProjectStatus.Job(
            health.jobName(),
            health.jobState(),
            health.checkpointAge(now).map(ProjectStatuses::seconds).orElse(null)),
        new ProjectStatus.Lag(
            health.lagEvents().isPresent() ? health.lagEvents().getAsLong() : null,
            health.lagAge(now).map(ProjectStatuses::seconds).orElse(null),
            ProjectStatus.Lag.MEASURED_AS),
        deadLettersLastHour,
        problems);
  }

  private PipelineAssessment verdict(
      PipelineHealth health, Optional<NewestEvent> newest, boolean storeAnswered, Instant now) {
    PipelineAssessment pipelineVerdict = bounds.pipeline().assess(health, now);
    if (pipelineVerdict.verdict() == PipelineVerdict.DOWN) {
      return pipelineVerdict;
    }
    if (!storeAnswered) {
      return new PipelineAssessment(
          PipelineVerdict.DOWN, "ClickHouse, where searches read, did not answer");
    }
    if (!pipelineVerdict.ok()) {
      return pipelineVerdict;
    }
    if (newest.isEmpty()) {
      return new PipelineAssessment(
          PipelineVerdict.STALE,
          "no event of this project was stored in the last "
              + Durations.words(FreshnessSql.LOOK_BACK)
              + "; the pipeline is running, so none has been sent since");
    }
    Duration age = Duration.between(newest.get().receivedAt(), now);
    if (age.compareTo(bounds.staleAfter()) > 0) {
      return new PipelineAssessment(
          PipelineVerdict.STALE,
          "the newest event of this project was received "
              + Durations.words(age)
              + " ago (bound "
              + Durations.words(bounds.staleAfter())
              + "); the pipeline is running, so none has been sent since");
    }
    return new PipelineAssessment(
        PipelineVerdict.OK,
        "the pipeline is running and the newest event of this project was received "
            + Durations.words(age)
            + " ago");
  }

  private static double seconds(Duration d) {
    return Math.max(0, d.toMillis()) / 1000.0;
  }
}
