package io.devlogs.bench.query;

import java.time.Instant;
import java.util.List;

/**
 * The benchmark's data set as it is in the stores.
 *
 * @param projectId the project holding it
 * @param events events in ClickHouse {@code devlogs.events}
 * @param from the minute of the first event
 * @param to one second after the last event
 * @param streams the streams whose every event is in Cassandra, in order of first appearance
 */
record BenchData(String projectId, long events, Instant from, Instant to, List<String> streams) {}
