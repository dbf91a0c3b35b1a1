package io.devlogs.query.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One transition of {@code alert_history} as the API shows it (the firing list: the latest of each
 * alert that is firing). {@code ruleName} and {@code severity} are the rule's now, empty if it was
 * deleted.
 */
public record AlertEvent(
    UUID ruleId,
    String ruleName,
    String severity,
    String fingerprint,
    String state,
    double value,
    Instant at,
    Map<String, String> labels,
    String summary,
    String idempotencyKey) {}
