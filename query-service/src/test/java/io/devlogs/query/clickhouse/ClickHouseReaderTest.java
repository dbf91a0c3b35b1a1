package io.devlogs.query.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.http.ApiException;
import io.devlogs.query.http.BackendException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import ru.yandex.clickhouse.except.ClickHouseException;

class ClickHouseReaderTest {
  private static final ClickHouseLimits LIMITS =
      new ClickHouseLimits(30, 300, 500_000_000L, 2_000_000_000L);

  @Test
  void limitErrorsAre422QueryTooLarge() {
    for (int code : new int[] {158, 159, 160, 241, 307, 396}) {
      RuntimeException error =
          ClickHouseReader.translate(
              new SQLException(
                  "wrapped", new ClickHouseException(code, new RuntimeException(), "h", 1)));
      assertThat(error)
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(422);
                assertThat(e.error()).isEqualTo("query_too_large");
                assertThat(e.getMessage()).contains("narrow the time range");
              });
    }
  }

  @Test
  void otherErrorsAreBackendFailures() {
    assertThat(
            ClickHouseReader.translate(
                new ClickHouseException(62, new RuntimeException("syntax"), "h", 1)))
        .isInstanceOf(BackendException.class);
    assertThat(ClickHouseReader.translate(new SQLException("connection refused")))
        .isInstanceOf(BackendException.class);
  }

  @Test
  void everyRequestCarriesTheLimitsAsSettings() {
    ClickHouseReader reader =
        new ClickHouseReader(
            ClickHouseReader.dataSource("jdbc:clickhouse://127.0.0.1:1/devlogs", "u", "p", LIMITS),
            LIMITS);
    assertThat(reader.settings(30, 100))
        .containsEntry("max_execution_time", "30")
        .containsEntry("max_rows_to_read", "500000000")
        .containsEntry("max_memory_usage", "2000000000")
        .containsEntry("max_result_rows", "100")
        .containsEntry("result_overflow_mode", "throw");
  }
}
