package io.devlogs.ingest.deadletters;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.ClickHouseKeys;
import java.util.Objects;

/**
 * Where the dead letters to replay are read: ClickHouse, as ingest's own read-only user.
 *
 * @param jdbcUrl {@code clickhouse.url}, {@code jdbc:clickhouse://host:port/database}
 * @param user {@code ingest.clickhouse-user}
 * @param password {@code ingest.clickhouse-password}
 */
public record DeadLetterStoreOptions(String jdbcUrl, String user, String password) {

  public DeadLetterStoreOptions {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (!jdbcUrl.startsWith(ClickHouseDeadLetterStore.JDBC_PREFIX)) {
      throw new IllegalArgumentException(
          ClickHouseKeys.URL.key()
              + " must look like jdbc:clickhouse://host:port/database, got "
              + jdbcUrl);
    }
  }

  public static DeadLetterStoreOptions from(Settings settings) {
    return new DeadLetterStoreOptions(
        settings.get(ClickHouseKeys.URL),
        settings.get(ClickHouseKeys.INGEST_USER),
        settings.get(ClickHouseKeys.INGEST_PASSWORD));
  }

  @Override
  public String toString() {
    // The password stays out of logs.
    return "DeadLetterStoreOptions[jdbcUrl=" + jdbcUrl + ", user=" + user + "]";
  }
}
