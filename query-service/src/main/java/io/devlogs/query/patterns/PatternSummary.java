package io.devlogs.query.patterns;

import java.time.Instant;
import java.util.List;

/**
 * One pattern of {@code GET /v1/patterns}.
 *
 * @param id the pattern's stable id (the {@code pattern} filter of {@code GET /v1/logs})
 * @param template its current template, {@code <*>} where its messages differ
 * @param example its first message
 * @param firstSeen event time of its first message; null when its description is not stored yet
 * @param count its events in the range (with the service and level filters)
 * @param counts its events per sparkline bucket, oldest first
 */
public record PatternSummary(
    String id, String template, String example, Instant firstSeen, long count, List<Long> counts) {}
