package io.devlogs.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeadLetterCauseTest {

  @Test
  void codesAreTheStoredAndFilteredOnes() {
    assertThat(Arrays.stream(DeadLetterCause.values()).map(DeadLetterCause::code))
        .containsExactly(
            "unparseable",
            "out_of_bounds",
            "too_late",
            "refused_by_clickhouse",
            "refused_by_cassandra",
            "refused_by_kafka");
  }

  @Test
  void aCodeNamesItsCauseAndAnUnknownCodeNone() {
    assertThat(DeadLetterCause.ofCode("too_late")).contains(DeadLetterCause.TOO_LATE);
    assertThat(DeadLetterCause.ofCode("TOO_LATE")).isEmpty();
    assertThat(DeadLetterCause.ofCode("from_a_newer_job")).isEmpty();
  }
}
