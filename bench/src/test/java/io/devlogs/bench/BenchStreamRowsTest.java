package io.devlogs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchStreamRowsTest {

  @Test
  void readsThePartitionsTheLoaderWrote(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("partitions.tsv");
    Files.writeString(
        file, "checkout-7f9c/req-8123\t2026-11-21\npod/search-5d8b9-qx2lm\t2026-11-22\n\n");

    assertThat(BenchStreamRows.read(file))
        .containsExactly(
            new StreamRows.Partition("checkout-7f9c/req-8123", LocalDate.of(2026, 11, 21)),
            new StreamRows.Partition("pod/search-5d8b9-qx2lm", LocalDate.of(2026, 11, 22)));
  }

  @Test
  void aLineWithoutADayIsNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("partitions.tsv");
    Files.writeString(file, "just-a-stream\n");

    assertThatThrownBy(() -> BenchStreamRows.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'just-a-stream' is not <stream><TAB><yyyy-mm-dd>");
  }

  @Test
  void theDayIsTheUtcDayOfTheEventTime() {
    assertThat(BenchTopicLoader.utcDay("2026-11-21T23:59:59.999Z"))
        .isEqualTo(LocalDate.of(2026, 11, 21));
    assertThat(BenchTopicLoader.utcDay("2026-11-22T00:00:00Z"))
        .isEqualTo(LocalDate.of(2026, 11, 22));
  }
}
