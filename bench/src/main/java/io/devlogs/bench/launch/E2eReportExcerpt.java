package io.devlogs.bench.launch;

import java.util.ArrayList;
import java.util.List;

/** The part of the e2e report printed at the end of a run: its "End to end" section. */
final class E2eReportExcerpt {
  private E2eReportExcerpt() {}

  /** From the {@code ## End to end} heading up to, without, the {@code ## Charts} heading. */
  static List<String> of(List<String> report) {
    List<String> excerpt = new ArrayList<>();
    boolean in = false;
    for (String line : report) {
      if (!in && line.startsWith("## End to end")) {
        in = true;
      } else if (in && line.startsWith("## Charts")) {
        return excerpt;
      }
      if (in) {
        excerpt.add(line);
      }
    }
    // No charts heading: up to the end, less the last line (as the launcher's sed range did).
    return excerpt.isEmpty() ? excerpt : excerpt.subList(0, excerpt.size() - 1);
  }
}
