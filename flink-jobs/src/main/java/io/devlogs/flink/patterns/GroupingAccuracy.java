package io.devlogs.flink.patterns;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loghub's grouping accuracy ("GA", Zhu et al., "Tools and Benchmarks for Automated Log Parsing",
 * ICSE-SEIP 2019): the share of lines whose predicted group holds exactly the lines of their
 * ground-truth group. A group that merges two true events, or one true event split in two, counts
 * every line of it as wrong.
 */
public final class GroupingAccuracy {

  private GroupingAccuracy() {}

  /** GA of {@code predicted} against {@code truth}, one group label per line each. */
  public static double of(List<String> predicted, List<String> truth) {
    if (predicted.size() != truth.size()) {
      throw new IllegalArgumentException(
          "as many predictions as truths needed: " + predicted.size() + " vs " + truth.size());
    }
    if (truth.isEmpty()) {
      return 1.0;
    }
    Map<String, Integer> truthSizes = new HashMap<>();
    truth.forEach(t -> truthSizes.merge(t, 1, Integer::sum));
    Map<String, Integer> predictedSizes = new HashMap<>();
    Map<String, String> predictedTruth = new HashMap<>();
    Map<String, Boolean> pure = new HashMap<>();
    for (int i = 0; i < predicted.size(); i++) {
      String p = predicted.get(i);
      String t = truth.get(i);
      predictedSizes.merge(p, 1, Integer::sum);
      String seen = predictedTruth.putIfAbsent(p, t);
      if (seen != null && !Objects.equals(seen, t)) {
        pure.put(p, false);
      }
    }
    long correct = 0;
    for (Map.Entry<String, Integer> group : predictedSizes.entrySet()) {
      String p = group.getKey();
      if (pure.getOrDefault(p, true)
          && truthSizes.get(predictedTruth.get(p)).equals(group.getValue())) {
        correct += group.getValue();
      }
    }
    return (double) correct / truth.size();
  }
}
