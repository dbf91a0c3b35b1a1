package io.devlogs.query.status;

import io.devlogs.query.clickhouse.ClickHouseReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ProjectFreshness} over ClickHouse {@code devlogs.events} (statement in {@link
 * FreshnessSql}).
 */
public final class ClickHouseProjectFreshness implements ProjectFreshness {
  private final ClickHouseReader reader;

  public ClickHouseProjectFreshness(ClickHouseReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  @Override
  public Optional<NewestEvent> newest(String projectId, Instant now) {
    for (Duration span : FreshnessSql.SPANS) {
      Optional<NewestEvent> newest =
          reader.query(
              FreshnessSql.newestSince(projectId, now.minus(span)),
              1,
              rows -> {
                if (!rows.next() || rows.getLong(FreshnessSql.EVENTS) == 0) {
                  return Optional.empty();
                }
                return Optional.of(
                    new NewestEvent(
                        Instant.ofEpochSecond(rows.getLong(FreshnessSql.NEWEST_TS)),
                        Instant.ofEpochMilli(rows.getLong(FreshnessSql.NEWEST_RECEIVED_MS))));
              });
      if (newest.isPresent()) {
        return newest;
      }
    }
    return Optional.empty();
  }
}
