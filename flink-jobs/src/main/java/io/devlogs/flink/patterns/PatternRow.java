package io.devlogs.flink.patterns;

import java.util.Objects;

/**
 * One row of ClickHouse {@code devlogs.patterns}: a version of one project's pattern, written when
 * the pattern is created and each time its template generalises.
 *
 * @param project the project
 * @param patternId the pattern's stable id
 * @param template the template at this version, tokens joined by spaces
 * @param firstSeenMillis event time of the pattern's first message, epoch millis
 * @param example the pattern's first message
 * @param version 1 at creation, +1 per generalisation
 */
public record PatternRow(
    String project,
    String patternId,
    String template,
    long firstSeenMillis,
    String example,
    long version) {

  public PatternRow {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(patternId, "patternId");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(example, "example");
  }

  /** The row of a pattern as the miner holds it now. */
  public static PatternRow of(String project, PatternCluster cluster) {
    return new PatternRow(
        project,
        cluster.id(),
        cluster.templateText(),
        cluster.firstSeenMillis(),
        cluster.example(),
        cluster.version());
  }
}
