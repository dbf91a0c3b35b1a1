package io.devlogs.query.boards;

import java.time.Instant;
import java.util.UUID;

/** A dashboard of a project: its id, document and times. */
public record Dashboard(
    UUID id,
    String projectId,
    DashboardDocument document,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {}
