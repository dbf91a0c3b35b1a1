package io.devlogs.flink.patterns;

import java.util.Arrays;
import java.util.Objects;

/**
 * One pattern of one project: its stable id, its current template (which only ever generalises:
 * positions where messages differed become {@link MessageTokens#WILDCARD}), when it was first seen
 * and an example message. This is what the miner keeps in Flink state per pattern.
 *
 * @param id stable for the pattern's life: fixed at creation from the project and the first
 *     template ({@link PatternIds}), never changed when the template generalises
 * @param template the current template's tokens
 * @param firstSeenMillis event time of the first message, epoch millis
 * @param example the first message (cut to {@link PatternMiner#MAX_EXAMPLE_CHARS})
 * @param version 1 at creation, +1 each time the template generalises
 * @param lastSeenMillis processing time of the last match (which pattern to evict first)
 */
public record PatternCluster(
    String id,
    String[] template,
    long firstSeenMillis,
    String example,
    int version,
    long lastSeenMillis) {

  public PatternCluster {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(example, "example");
  }

  /** The template as text, tokens joined by single spaces. */
  public String templateText() {
    return MessageTokens.join(template);
  }

  PatternCluster generalised(String[] newTemplate, long now) {
    return new PatternCluster(id, newTemplate, firstSeenMillis, example, version + 1, now);
  }

  PatternCluster seen(long now) {
    return new PatternCluster(id, template, firstSeenMillis, example, version, now);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PatternCluster c
        && id.equals(c.id)
        && Arrays.equals(template, c.template)
        && firstSeenMillis == c.firstSeenMillis
        && example.equals(c.example)
        && version == c.version
        && lastSeenMillis == c.lastSeenMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, version);
  }

  @Override
  public String toString() {
    return id + " v" + version + " \"" + templateText() + "\"";
  }
}
