/**
 * Recording rules (derived metrics): what the query service stores in PostgreSQL {@code
 * recording_rules} and the Flink job turns into one value per minute and group in ClickHouse {@code
 * recorded_minutes}.
 */
package io.devlogs.recording;
