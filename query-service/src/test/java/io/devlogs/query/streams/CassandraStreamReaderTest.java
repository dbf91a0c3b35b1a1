package io.devlogs.query.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import io.devlogs.query.http.BackendException;
import io.devlogs.query.http.CursorSeal;
import io.devlogs.query.http.RequestParams;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CassandraStreamReaderTest {
  @Test
  void unreachableCassandraIsABackendErrorAndIsRetriedOnTheNextRequest() {
    AtomicInteger attempts = new AtomicInteger();
    CassandraStreamReader reader =
        new CassandraStreamReader(
            () -> {
              attempts.incrementAndGet();
              throw new NoNodeAvailableException();
            });
    StreamRequest request =
        StreamRequest.parse(
            "p_A",
            "run-1",
            new RequestParams(Map.of()),
            Instant.now(),
            new StreamCursors(CursorSeal.withRandomSecret()));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> reader.read("p_A", request))
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("Cassandra");
    }
    assertThat(attempts).hasValue(2);
    reader.close();
  }

  @Test
  void connectorValidatesSettingsEagerly() {
    assertThatThrownBy(() -> CassandraStreamReader.connector("nohost", "dc1", "devlogs"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cassandra.contact-points");
  }

  @Test
  void rejectsKeyspaceThatIsNotAPlainName() {
    assertThatThrownBy(
            () -> CassandraStreamReader.connect("127.0.0.1:1", "dc1", "devlogs; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cassandra.keyspace");
  }
}
