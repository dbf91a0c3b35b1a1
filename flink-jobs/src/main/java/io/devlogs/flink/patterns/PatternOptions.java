package io.devlogs.flink.patterns;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.JobKeys;
import java.io.Serializable;
import java.util.Map;

/**
 * How the job mines patterns; the miner's state per project is bounded by {@code maxPatterns} times
 * {@code maxTokens}.
 *
 * @param maxPatterns {@code patterns.max-per-project}: patterns kept per project; a new one beyond
 *     it evicts the least recently matched (counted in the {@code patternsEvicted} metric)
 * @param maxTokens {@code patterns.max-tokens}: tokens of a message that count; the rest of a
 *     longer message is one trailing token
 * @param similarity {@code patterns.similarity}: share of a template's fixed tokens a message must
 *     equal to join it (Drain's similarity threshold)
 * @param depth Drain's tree depth: the first {@code depth - 2} tokens choose the leaf
 * @param maxChildren children per tree node before further tokens share the wildcard child
 */
public record PatternOptions(
    int maxPatterns, int maxTokens, double similarity, int depth, int maxChildren)
    implements Serializable {

  public static final int DEPTH = 4;
  public static final int MAX_CHILDREN = 100;

  public PatternOptions {
    if (maxPatterns < 1 || maxTokens < 1 || depth < 3 || maxChildren < 2) {
      throw new IllegalArgumentException(
          "patterns.max-per-project and patterns.max-tokens must be >= 1 (got "
              + maxPatterns
              + ", "
              + maxTokens
              + ")");
    }
    if (!(similarity > 0 && similarity <= 1)) {
      throw new IllegalArgumentException(
          "patterns.similarity must be in (0, 1], e.g. 0.5 (got " + similarity + ")");
    }
  }

  /** The defaults of the settings (tests, benchmarks). */
  public static PatternOptions defaults() {
    return from(Settings.of(Map.of()));
  }

  /** The options the settings give. */
  public static PatternOptions from(Settings settings) {
    return new PatternOptions(
        settings.get(JobKeys.PATTERNS_MAX_PER_PROJECT),
        settings.get(JobKeys.PATTERNS_MAX_TOKENS),
        settings.get(JobKeys.PATTERNS_SIMILARITY_PERCENT) / 100.0,
        DEPTH,
        MAX_CHILDREN);
  }

  /** These options with another similarity threshold (the accuracy tool tries several). */
  public PatternOptions withSimilarity(double newSimilarity) {
    return new PatternOptions(maxPatterns, maxTokens, newSimilarity, depth, maxChildren);
  }
}
