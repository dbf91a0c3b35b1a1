package io.devlogs.query.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class CassandraStreamReaderTest {
  @Test
  void parsesContactPoints() {
    assertThat(CassandraStreamReader.parseContactPoints("127.0.0.1:19042, 127.0.0.2:9042"))
        .extracting(InetSocketAddress::getPort)
        .containsExactly(19042, 9042);
  }

  @Test
  void rejectsContactPointsWithoutPort() {
    assertThatThrownBy(() -> CassandraStreamReader.parseContactPoints("127.0.0.1"))
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
