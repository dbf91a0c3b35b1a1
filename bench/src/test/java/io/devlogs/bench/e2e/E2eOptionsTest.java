package io.devlogs.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class E2eOptionsTest {

  private static String[] args(String... extra) {
    String[] required = {
      "--run-id=r",
      "--query-url=http://127.0.0.1:1",
      "--ingest-key=k",
      "--query-key=q",
      "--project=p_x",
      "--out=/tmp/x",
      "--ceilings=/tmp/c"
    };
    String[] all = new String[required.length + extra.length];
    System.arraycopy(required, 0, all, 0, required.length);
    System.arraycopy(extra, 0, all, required.length, extra.length);
    return all;
  }

  @Test
  void ratesMustIncrease() {
    assertThat(E2eOptions.parse(args("--rates=500, 1000,4000")).rates())
        .containsExactly(500, 1000, 4000);
    assertThatThrownBy(() -> E2eOptions.parse(args("--rates=2000,1000")))
        .hasMessageContaining("--rates must be positive and increasing");
    assertThatThrownBy(() -> E2eOptions.parse(args("--rates=1k")))
        .hasMessageContaining("--rates must be comma-separated events/s");
  }

  @Test
  void aPhaseNeedsThreeSamples() {
    assertThatThrownBy(() -> E2eOptions.parse(args("--sample-seconds=5", "--step-seconds=10")))
        .hasMessageContaining("at least 3 samples (15 s)");
  }

  @Test
  void atLeastOneHoldIsAttempted() {
    assertThat(E2eOptions.parse(args()).holdAttempts()).isEqualTo(3);
    assertThatThrownBy(() -> E2eOptions.parse(args("--hold-attempts=0")))
        .hasMessageContaining("--hold-attempts must be at least 1");
  }

  @Test
  void theClickHouseHttpUrlComesFromTheJdbcUrl() {
    assertThat(
            E2eOptions.parse(
                    args(
                        "--clickhouse.url=jdbc:clickhouse://127.0.0.1:18123/devlogs?compress=false"))
                .clickhouse()
                .httpUri())
        .isEqualTo(URI.create("http://127.0.0.1:18123/"));
    assertThatThrownBy(() -> ClickHouseEndpoint.fromJdbcUrl("http://x", "default", ""))
        .hasMessageContaining("clickhouse.url must look like jdbc:clickhouse://");
  }

  @Test
  void ceilingsThatFailedReadAsNotMeasured(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ceilings.tsv");
    Files.writeString(file, "Kafka producer\t81234\tperf tool\nCassandra writes\t\tfailed\n");

    assertThat(Ceiling.read(file)).extracting(Ceiling::measured).containsExactly(true, false);
    Files.writeString(file, "just one field\n");
    assertThatThrownBy(() -> Ceiling.read(file))
        .hasMessageContaining("is not <stage><TAB><events/s><TAB><how>");
  }
}
