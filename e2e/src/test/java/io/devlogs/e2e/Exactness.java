package io.devlogs.e2e;

import java.util.Map;
import java.util.Set;

/**
 * How the event ids one store holds compare with the ids ingest acknowledged: acknowledged ids
 * missing (lost), extra copies of an id (doubled), and ids that were never acknowledged.
 */
record Exactness(String store, long held, long lost, long doubled, long unexpected) {

  static Exactness of(String store, Set<String> acknowledged, Map<String, Long> stored) {
    long held = stored.values().stream().mapToLong(Long::longValue).sum();
    long lost = acknowledged.stream().filter(id -> !stored.containsKey(id)).count();
    long doubled = stored.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
    long unexpected = stored.keySet().stream().filter(id -> !acknowledged.contains(id)).count();
    return new Exactness(store, held, lost, doubled, unexpected);
  }

  boolean exact() {
    return lost == 0 && doubled == 0 && unexpected == 0;
  }

  @Override
  public String toString() {
    return String.format(
        "%s: %d held, %d lost, %d doubled, %d never acknowledged",
        store, held, lost, doubled, unexpected);
  }
}
