package io.devlogs.bench.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A fresh project of a benchmark run, with its keys, from {@code ProjectsCli create-project}. */
record BenchProject(String id, String ingestKey, String queryKey) {
  static final String PROJECTS_CLI = "io.devlogs.projects.ProjectsCli";

  /** Creates (or finds) the project by name; nothing when the command failed or printed no keys. */
  static Optional<BenchProject> create(String name, Path log) {
    JavaMain.Result result =
        JavaMain.ofThisClasspath(PROJECTS_CLI, List.of("create-project", name)).run(log);
    if (!result.ok()) {
      return Optional.empty();
    }
    return parse(result.lines());
  }

  /**
   * The {@code DEVLOGS_PROJECT_ID=}, {@code DEVLOGS_INGEST_KEY=} and {@code DEVLOGS_QUERY_KEY=}
   * lines.
   */
  static Optional<BenchProject> parse(List<String> lines) {
    String id = value(lines, "DEVLOGS_PROJECT_ID=");
    String ingest = value(lines, "DEVLOGS_INGEST_KEY=");
    String query = value(lines, "DEVLOGS_QUERY_KEY=");
    if (id.isEmpty() || ingest.isEmpty() || query.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new BenchProject(id, ingest, query));
  }

  private static String value(List<String> lines, String prefix) {
    return lines.stream()
        .filter(line -> line.startsWith(prefix))
        .map(line -> line.substring(prefix.length()))
        .findFirst()
        .orElse("");
  }
}
