package io.devlogs.bench.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading what the benchmarks' tools print. */
class ToolOutputsTest {

  @Test
  void consumerPerfToolCsv() {
    String csv =
        "2026-12-06 10:15:00:123, 2026-12-06 10:15:02:456, 91.5527, 39.2435, 300000, 128589.7986,"
            + " 412, 1921, 47.6589, 156168.6621";
    PerfToolOutput.Figures figures = PerfToolOutput.consumer(csv).orElseThrow();
    assertThat(figures.records()).isEqualTo(300_000);
    assertThat(Math.round(figures.perSecond())).isEqualTo(128_590);
    assertThat(PerfToolOutput.consumer("WARN something")).isEmpty();
    assertThat(PerfToolOutput.consumer("")).isEmpty();
  }

  @Test
  void producerPerfToolSummary() {
    String summary =
        "200000 records sent, 151057.401813 records/sec (44.97 MB/sec), 210.12 ms avg latency,"
            + " 402.00 ms max latency, 190 ms 50th, 350 ms 95th, 390 ms 99th, 401 ms 99.9th.";
    PerfToolOutput.Figures figures = PerfToolOutput.producer(summary).orElseThrow();
    assertThat(figures.records()).isEqualTo(200_000);
    assertThat(Math.round(figures.perSecond())).isEqualTo(151_057);
    assertThat(PerfToolOutput.producer("12 records sent, 3.0 records/sec")).isPresent();
    assertThat(PerfToolOutput.producer("Exception in thread main")).isEmpty();
  }

  @Test
  void ingestLoadResultsAndTheAcceptedCount() {
    IngestLoadOutput output =
        IngestLoadOutput.parse(
            List.of(
                "RESULT\tplain\tok\t200000\t2.10\t95238\t28.6\t301\t-",
                "RESULT\tgzip\tunsupported\t0\t0\t0\t0\t301\t415 Unsupported Media Type: gzip",
                "ACCEPTED\t402000"));
    assertThat(output.complete()).isTrue();
    assertThat(output.eventBytes()).isEqualTo(301);
    assertThat(output.accepted()).contains(402_000L);
    IngestLoadOutput.Encoding plain = output.plain().orElseThrow();
    assertThat(plain.supported()).isTrue();
    assertThat(plain.rate()).isEqualTo("95238");
    assertThat(plain.megabytes()).isEqualTo("28.6");
    assertThat(output.gzip().orElseThrow().supported()).isFalse();
    assertThat(output.gzip().get().detail()).isEqualTo("415 Unsupported Media Type: gzip");

    assertThat(IngestLoadOutput.parse(List.of("RESULT\tplain\tok\t1\t1\t1\t1\t1\t-")).complete())
        .isFalse();
  }

  @Test
  void aBenchProjectNeedsItsIdAndBothKeys() {
    assertThat(
            BenchProject.parse(
                List.of(
                    "DEVLOGS_PROJECT_ID=p_123",
                    "DEVLOGS_INGEST_KEY=dl_ingest_a",
                    "DEVLOGS_QUERY_KEY=dl_query_b",
                    "DEVLOGS_ADMIN_KEY=dl_admin_c")))
        .contains(new BenchProject("p_123", "dl_ingest_a", "dl_query_b"));
    assertThat(BenchProject.parse(List.of("DEVLOGS_PROJECT_ID=p_123"))).isEmpty();
  }

  @Test
  void theEndToEndSectionOfTheReport() {
    List<String> report =
        List.of(
            "# bench e2e",
            "intro",
            "## End to end",
            "| rate | accepted |",
            "| 1000 | 1000 |",
            "## Charts",
            "![chart](x.svg)");
    assertThat(E2eReportExcerpt.of(report))
        .containsExactly("## End to end", "| rate | accepted |", "| 1000 | 1000 |");
    assertThat(E2eReportExcerpt.of(List.of("## End to end", "a", "b")))
        .containsExactly("## End to end", "a");
    assertThat(E2eReportExcerpt.of(List.of("nothing"))).isEmpty();
  }
}
