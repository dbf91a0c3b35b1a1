package io.devlogs.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceptedLedgerTest {

  private static final long T = Instant.parse("2026-11-21T23:59:58Z").toEpochMilli();

  @Test
  void countsAcceptedEventsPerStreamAndWholeSecond() {
    AcceptedLedger ledger = new AcceptedLedger();
    ledger.accepted("a", T + 10, 5);
    ledger.accepted("a", T + 990, 1);
    ledger.accepted("a", T + 1_000, 7);
    ledger.accepted("b", T, 100);

    assertThat(ledger.between("a", T, T + 1_000)).isEqualTo(6);
    assertThat(ledger.between("a", T, T + 2_000)).isEqualTo(13);
    assertThat(ledger.between("a", T + 2_000, T)).isZero();
    assertThat(ledger.between("unknown", T, T + 2_000)).isZero();
    assertThat(ledger.streams()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void writesEachStreamsUtcDaysForTheCleanUp(@TempDir Path dir) throws Exception {
    AcceptedLedger ledger = new AcceptedLedger();
    ledger.accepted("a", T, 1);
    ledger.accepted("a", T + 3_000, 1);
    ledger.accepted("b", T, 1);

    ledger.writePartitions(dir.resolve("partitions.tsv"));

    assertThat(Files.readAllLines(dir.resolve("partitions.tsv")))
        .containsExactly("a\t2026-11-21", "a\t2026-11-22", "b\t2026-11-21");
  }
}
