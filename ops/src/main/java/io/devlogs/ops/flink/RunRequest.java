package io.devlogs.ops.flink;

import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /jars/<jar id>/run}.
 *
 * @param entryClass the job's main class
 * @param parallelism the job's parallelism; the REST run handler does not apply the cluster's
 *     {@code parallelism.default}, so it is always given
 * @param programArgs the arguments of the main method
 * @param restoreFrom the savepoint or retained checkpoint to resume from, if any
 */
public record RunRequest(
    String entryClass, int parallelism, List<String> programArgs, Optional<String> restoreFrom) {
  public RunRequest {
    programArgs = List.copyOf(programArgs);
  }
}
