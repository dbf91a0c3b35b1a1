package io.devlogs.ingest.ops;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code project} label of the per-project metrics, bounded: the first {@code limit} projects
 * that send (or are refused) keep their id, every later one is counted under {@link #OTHER}. A
 * Prometheus series costs memory in the service and in every Prometheus that scrapes it, for as
 * long as the process lives; the bound keeps a tenant that mints projects, or a platform with
 * thousands of them, from growing the scrape without limit. Operators who need every project's
 * figures read them from ClickHouse ({@code GET /v1/metrics/*}), not from Prometheus. Thread-safe.
 */
public final class ProjectLabels {
  /** The label of the projects past the bound. */
  public static final String OTHER = "_other";

  private final int limit;
  private final Set<String> labelled = ConcurrentHashMap.newKeySet();

  public ProjectLabels(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, not " + limit);
    }
    this.limit = limit;
  }

  /** The label of a project: its id while fewer than {@code limit} ids are labelled, else OTHER. */
  public String of(String projectId) {
    if (labelled.contains(projectId)) {
      return projectId;
    }
    // A race may admit a few ids past the bound; the bound stays within the number of threads.
    if (labelled.size() < limit) {
      labelled.add(projectId);
      return projectId;
    }
    return OTHER;
  }
}
