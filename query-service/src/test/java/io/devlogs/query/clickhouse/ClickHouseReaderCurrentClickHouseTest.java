package io.devlogs.query.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.testing.CurrentClickHouse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the reader sends besides each route's SQL, on a current ClickHouse: parameters escaped by
 * the legacy driver come back as the same text, and the limits it sends are settings it knows.
 */
class ClickHouseReaderCurrentClickHouseTest {

  @RegisterExtension static final CurrentClickHouse clickhouse = new CurrentClickHouse();

  @Test
  void boundTextComesBackUnchanged() {
    for (String value :
        List.of(
            "plain",
            "quote ' double \" backtick `",
            "backslash \\ and \\' and \\\\",
            "tab \t newline \n return \r",
            "nul \u0000 bell \u0007",
            "ünïcödé 日本 😀",
            "x') OR 1=1 -- FORMAT JSON SETTINGS readonly=0")) {
      String sql =
          ClickHouseReader.boundSql(
              new SqlQuery("SELECT hex(?), length(?)", List.of(value, value)));
      byte[] utf8 = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(clickhouse.execute(sql))
          .as(sql)
          .isEqualTo(
              java.util.HexFormat.of().withUpperCase().formatHex(utf8) + "\t" + utf8.length + "\n");
    }
    assertThat(
            clickhouse.execute(
                ClickHouseReader.boundSql(
                    new SqlQuery("SELECT ? + 1, ? - 1", List.of(Long.MAX_VALUE - 1, 7)))))
        .isEqualTo(Long.MAX_VALUE + "\t6\n");
  }

  @Test
  void theLimitsAreSettingsCurrentClickHouseKnows() {
    ClickHouseLimits limits = new ClickHouseLimits(30, 300, 100_000_000, 4_000_000_000L);
    ClickHouseReader reader =
        new ClickHouseReader(
            ClickHouseReader.dataSource("jdbc:clickhouse://127.0.0.1:1/devlogs", "u", "", limits),
            limits);
    // The settings sent with every request; wait_end_of_query, which bounded queries add, is a
    // parameter of the HTTP interface rather than a setting.
    Map<String, String> settings = reader.settings(30, 1000);
    String clause =
        settings.entrySet().stream()
            .map(e -> e.getKey() + " = " + quoted(e.getValue()))
            .collect(Collectors.joining(", "));
    assertThat(clickhouse.execute("SELECT 1 SETTINGS " + clause)).isEqualTo("1\n");
  }

  private static String quoted(String value) {
    return value.matches("[0-9]+") ? value : "'" + value + "'";
  }
}
