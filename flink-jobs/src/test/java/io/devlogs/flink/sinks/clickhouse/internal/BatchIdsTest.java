package io.devlogs.flink.sinks.clickhouse.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BatchIdsTest {

  @Test
  void idsAreUniqueWithinASessionAcrossSubtasksAndAcrossRestoredSessions() {
    Set<String> seen = new HashSet<>();
    for (int session = 0; session < 50; session++) {
      for (int subtask = 0; subtask < 4; subtask++) {
        BatchIds ids = new BatchIds(subtask);
        for (int i = 0; i < 100; i++) {
          assertThat(seen.add(ids.next())).isTrue();
        }
      }
    }
    assertThat(seen).hasSize(50 * 4 * 100);
  }

  @Test
  void aRestoredWriterOfTheSameSubtaskNeverReusesAnId() {
    BatchIds before = new BatchIds(3);
    BatchIds afterRestore = new BatchIds(3);
    assertThat(before.next()).isNotEqualTo(afterRestore.next());
  }

  @Test
  void idsHaveTheSafeFormat() {
    UUID session = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    BatchIds ids = new BatchIds(session, 7);
    assertThat(ids.next()).isEqualTo("123e4567e89b12d3a456426614174000-7-0");
    assertThat(ids.next()).isEqualTo("123e4567e89b12d3a456426614174000-7-1");
    assertThat(BatchIds.check("123e4567e89b12d3a456426614174000-7-1"))
        .matches(BatchIds.FORMAT.pattern());
  }

  @Test
  void anythingElseIsRejectedBeforeItReachesSql() {
    assertThatThrownBy(() -> BatchIds.check("x' OR 1=1 --"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchIds.check("123e4567e89b12d3a456426614174000-7-1'"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
