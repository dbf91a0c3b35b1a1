package io.devlogs.flink.config;

import static io.devlogs.flink.config.Checks.howToSet;
import static io.devlogs.flink.config.Checks.requireText;

import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.ClickHouseKeys;
import java.io.Serializable;

/**
 * The ClickHouse the job writes events, minute windows and dead letters to.
 *
 * @param url {@code clickhouse.url}, with {@code compress=false} added
 * @param user {@code clickhouse.user}: the writer
 * @param password {@code clickhouse.password}; may be empty
 */
public record ClickHouseOptions(String url, String user, String password) implements Serializable {

  public ClickHouseOptions {
    requireText(url, ClickHouseKeys.URL, "jdbc:clickhouse://ch:8123/devlogs");
    if (!url.startsWith("jdbc:clickhouse://")) {
      throw new IllegalArgumentException(
          ClickHouseKeys.URL.key()
              + " must start with jdbc:clickhouse:// (got '"
              + url
              + "'); "
              + howToSet(ClickHouseKeys.URL, "jdbc:clickhouse://ch:8123/devlogs"));
    }
    url = withCompressFalse(url);
    requireText(user, ClickHouseKeys.USER, "default");
    password = password == null ? "" : password;
  }

  /** The ClickHouse options the settings give. */
  public static ClickHouseOptions from(Settings settings) {
    return new ClickHouseOptions(
        settings.get(ClickHouseKeys.URL),
        settings.get(ClickHouseKeys.USER),
        settings.get(ClickHouseKeys.PASSWORD));
  }

  /** Where the exactly-once sinks write. */
  public ClickHouseEndpoint endpoint() {
    return ClickHouseEndpoint.fromJdbcUrl(url, user, password);
  }

  /** Appends {@code compress=false}: ClickHouse 18.16 answers compressed requests with nothing. */
  static String withCompressFalse(String url) {
    if (url.matches(".*[?&]compress=.*")) {
      return url.replaceAll("([?&])compress=[^&]*", "$1compress=false");
    }
    return url + (url.contains("?") ? "&" : "?") + "compress=false";
  }

  @Override
  public String toString() {
    return "ClickHouseOptions[url=" + url + ", user=" + user + "]";
  }
}
