package io.devlogs.query.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A silence as the API shows it; {@code ruleId} null mutes every rule of the project, {@code
 * active} says whether it mutes now.
 */
public record Silence(
    UUID id,
    UUID ruleId,
    Map<String, String> matchers,
    Instant startsAt,
    Instant endsAt,
    String createdBy,
    String comment,
    boolean active) {}
