package io.devlogs.query.status;

import java.time.Instant;

/**
 * A project's newest searchable event.
 *
 * @param time the newest event time among the project's recent events
 * @param receivedAt when ingest received the most recently received of them: freshness is measured
 *     from it, so an app's clock running ahead or behind does not make the data look fresh or stale
 */
public record NewestEvent(Instant time, Instant receivedAt) {}
