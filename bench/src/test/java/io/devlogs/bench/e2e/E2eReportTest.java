package io.devlogs.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class E2eReportTest {

  @Test
  void writesTheMarkdownTheChartsAndTheRawData(@TempDir Path dir) throws Exception {
    E2eReport.write(result(), dir);

    for (String png :
        List.of(E2eReport.THROUGHPUT_PNG, E2eReport.FRESHNESS_PNG, E2eReport.LAG_PNG)) {
      BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
      assertThat(image).as(png).isNotNull();
      assertThat(image.getWidth()).as(png).isEqualTo(Charts.WIDTH);
      assertThat(image.getHeight()).as(png).isEqualTo(Charts.HEIGHT);
      assertThat(distinctColours(image)).as(png + " has lines, bars and text").isGreaterThan(3);
    }
    assertThat(Files.readAllLines(dir.resolve("samples.csv")))
        .hasSize(1 + 14)
        .first()
        .isEqualTo(Sample.CSV_HEADER);
    assertThat(Files.readAllLines(dir.resolve("probes.csv"))).hasSize(1 + 3);
    assertThat(Files.readAllLines(dir.resolve("phases.csv"))).hasSize(1 + 3);

    String md = Files.readString(dir.resolve(E2eReport.MARKDOWN));
    assertThat(md)
        .contains("**Sustained: 1,000 events/s**")
        .contains("| HTTP ingest -> Kafka | 20,000 | 0.050 |")
        .contains("| Cassandra writes | not measured | - |")
        .contains("2 cores, 24.0 GiB, Test CPU")
        .contains("at start 9.00 8.00 7.00, at end 1.00 1.00 1.00")
        .contains("![throughput](throughput.png)")
        .contains("## Live tail: send until a WebSocket client has it")
        .contains("## CPU and memory per component (sustain-1000, 40 s, 40,000 events accepted)")
        .contains("| flink-taskmanager | 0.500 | 0.50 | 1,000 | 1,500 | **grew** |")
        .contains("| kafka | 0.100 | 0.10 | 400 | 420 | - |")
        .contains("| **all** | **0.600** | 0.60 | 1,400 | 1,920 | |")
        .doesNotContain("| kafka | 0.300 |");
    assertThat(Files.readAllLines(dir.resolve("components.csv")))
        .hasSize(1 + 3)
        .contains("sustain-1000,flink-taskmanager,40.0,40000,20.00,0.5000,0.500,1000,1500,true");
  }

  @Test
  void readsCpuTimeAndResidentMemoryFromProcStat() {
    String stat =
        "8612 (java (x) y) S 1 8612 8612 0 -1 4194304 202994 0 57 0 10357 2727 0 0 20 0 108 0"
            + " 2573822 6547202048 181709 18446744073709551615 0 0";
    ProcessUsage usage = ProcessUsage.parse("kafka", 8612, stat);
    assertThat(usage.cpuSeconds()).isCloseTo(130.84, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(usage.rssBytes()).isEqualTo(181_709L * 4096);
    assertThat(ProcessUsage.read(java.util.Optional.empty()))
        .containsOnlyKeys(ProcessUsage.LOAD_DRIVER)
        .allSatisfy((name, u) -> assertThat(u.cpuSeconds()).isPositive());
  }

  @Test
  void withoutASustainedRateThereIsNoEndToEndFigureNorRatio(@TempDir Path dir) throws Exception {
    E2eResult sustained = result();
    E2eResult none =
        new E2eResult(
            "run",
            List.of(),
            sustained.samples(),
            List.of(),
            sustained.steps().subList(1, 2),
            List.of(),
            sustained.ceilings(),
            sustained.facts(),
            sustained.drained(),
            sustained.costs());

    E2eReport.write(none, dir);

    assertThat(Files.readString(dir.resolve(E2eReport.MARKDOWN)))
        .contains("**No rate was sustained**")
        .contains("| HTTP ingest -> Kafka | 20,000 | - |");
  }

  @Test
  void chartedRatesAreMeansOverTheTrailingWindow() {
    List<Sample> samples =
        List.of(
            new Sample(0, "p", 100, 0, 0, 0, 0, 0, 0, -1, 1),
            new Sample(2, "p", 100, 0, 200, 0, 0, 0, 0, -1, 1),
            new Sample(4, "p", 100, 0, 300, 0, 0, 0, 0, -1, 1),
            new Sample(6, "p", 100, 0, 300, 0, 0, 0, 0, -1, 1));

    assertThat(E2eReport.trailingRates(samples, Sample::accepted, 1))
        .containsExactly(0, 100, 50, 0);
    // a 3 s window reaches back to the latest sample at least 3 s older: 0 s for 4, 2 s for 6
    assertThat(E2eReport.trailingRates(samples, Sample::accepted, 3))
        .containsExactly(0, 100, 75, 25);
  }

  private static E2eResult result() {
    List<Sample> samples = new ArrayList<>();
    samples.addAll(SustainRuleTest.phase("step-1000", 1000, 1000, 100, 0, 5));
    samples.addAll(shift(SustainRuleTest.phase("step-2000", 2000, 1500, 100, 500, 5), 30));
    samples.addAll(shift(SustainRuleTest.phase("sustain-1000", 1000, 1000, 100, 0, 4), 60));
    List<Probe> probes =
        List.of(
            new Probe(0, "step-1000", 1_000, 3_500),
            new Probe(1, "step-2000", 2_000, 9_000),
            new Probe(2, "sustain-1000", 3_000, 5_000));
    List<PhaseSummary> steps =
        List.of(
            PhaseSummary.of("step-1000", 1000, samples, probes, SustainRule.DEFAULT),
            PhaseSummary.of("step-2000", 2000, samples, probes, SustainRule.DEFAULT));
    PhaseSummary sustain =
        PhaseSummary.of("sustain-1000", 1000, samples, probes, SustainRule.DEFAULT);
    return new E2eResult(
        "test-run",
        List.of("rates (events/s): [1000, 2000]"),
        samples,
        probes,
        steps,
        List.of(sustain),
        List.of(
            new Ceiling("HTTP ingest -> Kafka", 20_000, "IngestLoad"),
            new Ceiling("Cassandra writes", Double.NaN, "CassandraWriteCeiling")),
        new MachineFacts(2, 24, "Test CPU", "Linux", "JDK 17", "9.00 8.00 7.00", "1.00 1.00 1.00"),
        new E2eResult.Drained(1000, 1000, 1000, 3),
        List.of(
            new ComponentCost("step-1000", "kafka", 30, 30_000, 9, 400L << 20, 410L << 20),
            new ComponentCost(
                "sustain-1000", "flink-taskmanager", 40, 40_000, 20, 1000L << 20, 1500L << 20),
            new ComponentCost("sustain-1000", "kafka", 40, 40_000, 4, 400L << 20, 420L << 20)));
  }

  private static List<Sample> shift(List<Sample> samples, double seconds) {
    return samples.stream()
        .map(
            s ->
                new Sample(
                    s.seconds() + seconds,
                    s.phase(),
                    s.offeredRate(),
                    s.offered(),
                    s.accepted(),
                    s.rejected(),
                    s.clickhouseRows(),
                    s.cassandraRows(),
                    s.kafkaLag(),
                    s.sourcePending(),
                    s.load1()))
        .toList();
  }

  private static long distinctColours(BufferedImage image) {
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int x = 0; x < image.getWidth(); x += 3) {
      for (int y = 0; y < image.getHeight(); y += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }
}
