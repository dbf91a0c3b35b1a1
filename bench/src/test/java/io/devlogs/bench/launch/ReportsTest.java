package io.devlogs.bench.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The report tables, character for character as the launcher's awk printed them before they moved
 * to Java (src/test/resources/launch: the awk programs' output for the same figures).
 */
class ReportsTest {

  private static String expected(String name) throws IOException {
    try (InputStream in = ReportsTest.class.getResourceAsStream("/launch/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void pipelineReport() throws IOException {
    Map<String, Double> processes = new LinkedHashMap<>();
    processes.put("clickhouse", 0.021);
    processes.put("flink-taskmanager", 0.1);
    Map<String, Double> threads = new LinkedHashMap<>();
    threads.put("Drop repeated e", 0.03);
    threads.put("rocksdb:low#", 0.05);
    threads.put("GC Thread#", 0.019);
    threads.put("C# CompilerThre", 0.0005);
    threads.put("Timer-#", 0.0005);
    PipelineReport report =
        new PipelineReport(
            "20261206-101500-4711",
            300_000,
            812_345,
            402_000,
            61_234,
            70_321,
            Optional.of(new WarmHalf.Figures(80_000, processes, threads)));
    assertThat(report.text()).isEqualTo(expected("pipeline-report.txt"));
    assertThat(report.resultsRow())
        .containsExactly(
            "20261206-101500-4711", 300_000L, 812_345L, 402_000L, 61_234L, 70_321L, "80000");
  }

  @Test
  void pipelineReportWithoutAWarmHalf() {
    PipelineReport report =
        new PipelineReport(
            "20261206-101500-4711", 1_000, 812_345, 402_000, 61_234, 70_321, Optional.empty());
    assertThat(report.text())
        .contains("(c'') job warm: the second half of the events                           -\n")
        .contains("     0.075        0.087             -")
        .doesNotContain("CPU seconds");
    assertThat(report.resultsRow()).endsWith(70_321L, "");
  }

  @Test
  void ingestReportWithAndWithoutGzip() throws IOException {
    IngestReport gzip =
        new IngestReport("ingest-20261206-101500-4711", 200_000, 4, 312, 150_000, "98765", "45678");
    assertThat(gzip.text()).isEqualTo(expected("ingest-report-45678.txt"));
    IngestReport plainOnly =
        new IngestReport(
            "ingest-20261206-101500-4711", 200_000, 4, 312, 150_000, "98765", "unsupported");
    assertThat(plainOnly.text()).isEqualTo(expected("ingest-report-unsupported.txt"));
    assertThat(plainOnly.resultsRow())
        .isEqualTo(
            List.of(
                "ingest-20261206-101500-4711",
                200_000L,
                4L,
                312L,
                "98765",
                "unsupported",
                150_000L));
  }
}
