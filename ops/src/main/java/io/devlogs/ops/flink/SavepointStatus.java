package io.devlogs.ops.flink;

import java.util.Optional;

/**
 * Where a stop-with-savepoint stands ({@code GET /jobs/<id>/savepoints/<trigger id>}).
 *
 * @param completed whether the operation is over (with a savepoint or a failure)
 * @param location the savepoint's path, once it completed with one
 * @param answer the answer as Flink gave it, for messages about a failure
 */
public record SavepointStatus(boolean completed, Optional<String> location, String answer) {}
