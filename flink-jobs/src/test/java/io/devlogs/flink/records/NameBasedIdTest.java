package io.devlogs.flink.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Ids already stored in ClickHouse and Cassandra must come out the same forever. */
class NameBasedIdTest {

  @Test
  void theBytesOfAnIdNeverChange() {
    assertThat(new NameBasedId(16).kind('k').field("p_a").field("req-1").field("0").uuid())
        .isEqualTo("6e21e54b-1247-3f19-a084-1a8ded969370");
    assertThat(
            new NameBasedId(16)
                .kind('c')
                .field("p_a")
                .field((String) null)
                .field("ci")
                .field("0")
                .field("GET / 200".getBytes(StandardCharsets.UTF_8))
                .uuid())
        .isEqualTo("a7818864-f96c-3be7-84ec-0b4dc84b3677");
  }

  @Test
  void noTwoDifferentFieldListsShareAName() {
    assertThat(new NameBasedId(8).field("ab").field("c").uuid())
        .isNotEqualTo(new NameBasedId(8).field("a").field("bc").uuid());
    assertThat(new NameBasedId(8).field((String) null).uuid())
        .isNotEqualTo(new NameBasedId(8).field("").uuid());
  }
}
