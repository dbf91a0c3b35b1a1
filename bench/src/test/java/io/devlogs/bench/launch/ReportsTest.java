package io.devlogs.bench.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    PipelineReport report =
        new PipelineReport("20261206-101500-4711", 300_000, 812_345, 402_000, 61_234, 70_321);
    assertThat(report.text()).isEqualTo(expected("pipeline-report.txt"));
    assertThat(report.resultsRow())
        .containsExactly("20261206-101500-4711", 300_000L, 812_345L, 402_000L, 61_234L, 70_321L);
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
