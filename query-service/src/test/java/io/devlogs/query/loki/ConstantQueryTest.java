package io.devlogs.query.loki;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConstantQueryTest {
  @Test
  void grafanasHealthCheckQueryIsTheVectorTwo() {
    assertThat(ConstantQuery.of("vector(1)+vector(1)")).contains(new ConstantQuery(2, true));
    assertThat(ConstantQuery.of(" vector( 2 ) * (3 - 1) / 4 "))
        .contains(new ConstantQuery(1, true));
    assertThat(ConstantQuery.of("1 + -2")).contains(new ConstantQuery(-1, false));
  }

  @Test
  void anythingElseGoesToTheParser() {
    for (String query :
        new String[] {
          "{service=\"api\"}",
          "vector(1)+",
          "vector 1",
          "rate({a=\"b\"}[1m]) + 1",
          "vector(1) or vector(2)",
          "",
          "(".repeat(50) + "1" + ")".repeat(50),
          "1..2"
        }) {
      assertThat(ConstantQuery.of(query)).as(query).isEqualTo(Optional.empty());
    }
  }
}
