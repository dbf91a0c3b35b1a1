package io.devlogs.query.patterns;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /v1/patterns}.
 *
 * @param bucketStart start of the first sparkline bucket
 * @param bucketSeconds length of each bucket
 * @param patterns the patterns, best first
 */
public record PatternsResponse(
    Instant bucketStart, long bucketSeconds, List<PatternSummary> patterns) {}
