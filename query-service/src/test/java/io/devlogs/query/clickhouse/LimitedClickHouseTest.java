package io.devlogs.query.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.http.ApiException;
import io.devlogs.query.http.BackendException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class LimitedClickHouseTest {

  @Test
  void limitErrorsAreQueryTooLargeOthersBackendUnavailable() {
    for (int code : new int[] {158, 159, 160, 241, 307, 396}) {
      RuntimeException e = LimitedClickHouse.translate(new SQLException("limit", null, code));
      assertThat(e).isInstanceOf(ApiException.class);
      assertThat(((ApiException) e).status()).isEqualTo(422);
      assertThat(((ApiException) e).error()).isEqualTo("query_too_large");
      assertThat(e.getMessage()).contains("narrow the time range");
    }
    assertThat(LimitedClickHouse.translate(new SQLException("refused", null, 210)))
        .isInstanceOf(BackendException.class);
  }

  @Test
  void settingsCarryEveryLimit() {
    assertThat(new ClickHouseLimits(30, 1000, 2_000_000).settings(50))
        .containsEntry("max_execution_time", "30")
        .containsEntry("max_rows_to_read", "1000")
        .containsEntry("max_result_rows", "50")
        .containsEntry("result_overflow_mode", "throw")
        .containsEntry("max_memory_usage", "2000000");
  }
}
