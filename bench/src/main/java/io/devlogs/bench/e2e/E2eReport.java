package io.devlogs.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Writes a run's report into a folder: {@code report.md}, the charts {@code throughput.png}, {@code
 * freshness.png} and {@code lag.png}, and the raw data {@code samples.csv}, {@code probes.csv},
 * {@code phases.csv}, {@code components.csv}.
 */
public final class E2eReport {

  public static final String MARKDOWN = "report.md";
  public static final String THROUGHPUT_PNG = "throughput.png";
  public static final String FRESHNESS_PNG = "freshness.png";
  public static final String LAG_PNG = "lag.png";
  static final int RATE_WINDOW_SECONDS = 20;

  private E2eReport() {}

  public static void write(E2eResult result, Path folder) throws IOException {
    Files.createDirectories(folder);
    writeCsv(
        folder.resolve("samples.csv"),
        Sample.CSV_HEADER,
        result.samples().stream().map(Sample::csv).toList());
    writeCsv(
        folder.resolve("probes.csv"),
        Probe.CSV_HEADER,
        result.probes().stream().map(Probe::csv).toList());
    writeCsv(
        folder.resolve("phases.csv"),
        PhaseSummary.CSV_HEADER,
        phases(result).stream().map(PhaseSummary::csv).toList());
    writeCsv(
        folder.resolve("components.csv"),
        ComponentCost.CSV_HEADER,
        result.costs().stream().map(ComponentCost::csv).toList());
    throughputChart(result, folder.resolve(THROUGHPUT_PNG));
    freshnessChart(result, folder.resolve(FRESHNESS_PNG));
    lagChart(result, folder.resolve(LAG_PNG));
    Files.writeString(folder.resolve(MARKDOWN), markdown(result));
  }

  private static List<PhaseSummary> phases(E2eResult result) {
    List<PhaseSummary> phases = new ArrayList<>(result.steps());
    phases.addAll(result.holds());
    return phases;
  }

  static String markdown(E2eResult r) {
    StringBuilder md = new StringBuilder();
    MachineFacts f = r.facts();
    md.append("# devlogs end-to-end benchmark ").append(r.runId()).append("\n\n");
    md.append("## Machine\n\n");
    md.append(
        String.format(
            Locale.ROOT, "- %d cores, %.1f GiB, %s%n", f.cores(), f.memoryGib(), f.cpuModel()));
    md.append("- ").append(f.os()).append(", JDK ").append(f.jdk()).append('\n');
    md.append("- load average (1/5/15 min) at start ")
        .append(f.loadAtStart())
        .append(", at end ")
        .append(f.loadAtEnd())
        .append("\n\n");
    md.append("## Settings\n\n");
    r.settings().forEach(s -> md.append("- ").append(s).append('\n'));
    md.append("\n## End to end\n\n");
    md.append(
        r.sustainedHold()
            .map(
                hold ->
                    String.format(
                        Locale.ROOT,
                        "**Sustained: %,.0f events/s** accepted at ingest with a flat consumer lag, for %.0f s (%s).%n%n",
                        hold.acceptedRate(),
                        hold.seconds(),
                        hold.phase()))
            .orElse("**No rate was sustained** (see the steps): no end-to-end figure.\n\n"));
    md.append(
        "| phase | offered/s | accepted/s | ClickHouse/s | Cassandra/s | lag slope/s | lag max"
            + " | probes | p50 ms | p95 ms | p99 ms | unseen | sustained |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (PhaseSummary p : phases(r)) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %,.0f | %,.0f | %,.0f | %,.1f | %,d | %d | %s | %s | %s | %d | %s |%n",
              p.phase(),
              p.offeredRate(),
              p.acceptedRate(),
              p.clickhouseRate(),
              p.cassandraRate(),
              p.lagSlope(),
              p.lagMax(),
              p.freshness().count(),
              ms(p.freshness().p50()),
              ms(p.freshness().p95()),
              ms(p.freshness().p99()),
              p.probesUnseen(),
              p.sustained() ? "yes" : "no"));
    }
    E2eResult.Drained d = r.drained();
    md.append(
        String.format(
            Locale.ROOT,
            "%nAfter the load stopped (waited %.0f s): %,d events accepted, %,d rows in ClickHouse, %,d in Cassandra.%n",
            d.waitedSeconds(),
            d.accepted(),
            d.clickhouseRows(),
            d.cassandraRows()));
    md.append(liveTail(r));
    md.append("\n## Ceilings of each stage alone (same run)\n\n");
    md.append("| stage | events/s | end to end / ceiling | measured by |\n|---|---|---|---|\n");
    for (Ceiling c : r.ceilings()) {
      String ratio =
          c.measured() && r.endToEndRate().isPresent()
              ? String.format(Locale.ROOT, "%.3f", r.endToEndRate().get() / c.eventsPerSecond())
              : "-";
      String figure =
          c.measured() ? String.format(Locale.ROOT, "%,.0f", c.eventsPerSecond()) : "not measured";
      md.append("| ")
          .append(c.stage())
          .append(" | ")
          .append(figure)
          .append(" | ")
          .append(ratio)
          .append(" | ")
          .append(c.how())
          .append(" |\n");
    }
    components(r, md);
    md.append("\n## Charts\n\n");
    md.append("![throughput](").append(THROUGHPUT_PNG).append(")\n\n");
    md.append("![freshness](").append(FRESHNESS_PNG).append(")\n\n");
    md.append("![lag](").append(LAG_PNG).append(")\n\n");
    md.append(
        "Raw data: `samples.csv` (every sample), `probes.csv` (every freshness probe), `phases.csv`.\n");
    return md.toString();
  }

  /** Send until a live-tail WebSocket client received the probe, per phase. */
  private static String liveTail(E2eResult r) {
    StringBuilder md =
        new StringBuilder("\n## Live tail: send until a WebSocket client has it\n\n");
    md.append(
        "| phase | probes | p50 ms | p95 ms | p99 ms | not delivered |\n|---|---|---|---|---|---|\n");
    for (PhaseSummary p : phases(r)) {
      List<Probe> probes = r.probes().stream().filter(x -> x.phase().equals(p.phase())).toList();
      Percentiles tail =
          Percentiles.of(
              probes.stream().filter(Probe::tailSeen).map(Probe::tailLatencyMillis).toList());
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %s | %s | %d |%n",
              p.phase(),
              tail.count(),
              ms(tail.p50()),
              ms(tail.p95()),
              ms(tail.p99()),
              probes.size() - tail.count()));
    }
    return md.toString();
  }

  /**
   * Each component's CPU per 1,000 events and memory in the phase of {@link E2eResult#costPhase}.
   */
  private static void components(E2eResult r, StringBuilder md) {
    Optional<String> phase = r.costPhase();
    List<ComponentCost> costs =
        r.costs().stream()
            .filter(c -> phase.isPresent() && c.phase().equals(phase.get()))
            .sorted(Comparator.comparingDouble(ComponentCost::cpuSeconds).reversed())
            .toList();
    if (costs.isEmpty()) {
      return;
    }
    ComponentCost any = costs.get(0);
    md.append("\n## CPU and memory per component (")
        .append(phase.get())
        .append(
            String.format(
                Locale.ROOT, ", %.0f s, %,d events accepted)%n%n", any.seconds(), any.events()));
    md.append(
        "CPU time from `/proc/<pid>/stat` of each process of the launcher's pid files and of the"
            + " benchmark itself; memory is resident (RSS) at the phase's start and end, and"
            + " growth of more than a tenth and 64 MiB is flagged.\n\n");
    md.append(
        "| component | CPU s per 1,000 events | cores | RSS start MiB | RSS end MiB | growth |\n"
            + "|---|---|---|---|---|---|\n");
    double cpu = 0;
    long rssStart = 0;
    long rssEnd = 0;
    for (ComponentCost c : costs) {
      cpu += c.cpuSeconds();
      rssStart += c.rssStartBytes();
      rssEnd += c.rssEndBytes();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f | %.2f | %,.0f | %,.0f | %s |%n",
              c.component(),
              c.cpuSecondsPerThousand(),
              c.cores(),
              ComponentCost.mib(c.rssStartBytes()),
              ComponentCost.mib(c.rssEndBytes()),
              c.grew() ? "**grew**" : "-"));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "| **all** | **%.3f** | %.2f | %,.0f | %,.0f | |%n",
            any.events() > 0 ? cpu * 1000 / any.events() : Double.NaN,
            any.seconds() > 0 ? cpu / any.seconds() : Double.NaN,
            ComponentCost.mib(rssStart),
            ComponentCost.mib(rssEnd)));
  }

  private static String ms(long value) {
    return value < 0 ? "-" : Long.toString(value);
  }

  private static void throughputChart(E2eResult r, Path file) throws IOException {
    List<Sample> s = r.samples();
    double[] x = s.stream().mapToDouble(Sample::seconds).toArray();
    Charts.lines(
        file,
        "Throughput over time (mean of the last " + RATE_WINDOW_SECONDS + " s)",
        "seconds",
        "events/s",
        List.of(
            new Charts.Series("offered", x, s.stream().mapToDouble(Sample::offeredRate).toArray()),
            new Charts.Series(
                "accepted (ingest)", x, trailingRates(s, Sample::accepted, RATE_WINDOW_SECONDS)),
            new Charts.Series(
                "ClickHouse", x, trailingRates(s, Sample::clickhouseRows, RATE_WINDOW_SECONDS)),
            new Charts.Series(
                "Cassandra", x, trailingRates(s, Sample::cassandraRows, RATE_WINDOW_SECONDS))));
  }

  /**
   * Each sample's rate over the trailing {@code window} seconds (since the latest sample at least
   * that old, or the first): the sinks commit once per checkpoint, so rates between neighbouring
   * samples jump between 0 and several times the real rate.
   */
  static double[] trailingRates(List<Sample> samples, ToLongFunction<Sample> total, double window) {
    double[] rates = new double[samples.size()];
    int from = 0;
    for (int i = 1; i < samples.size(); i++) {
      while (from + 1 < i && samples.get(from + 1).seconds() <= samples.get(i).seconds() - window) {
        from++;
      }
      double seconds = samples.get(i).seconds() - samples.get(from).seconds();
      long delta = total.applyAsLong(samples.get(i)) - total.applyAsLong(samples.get(from));
      rates[i] = seconds > 0 ? Math.max(0, delta / seconds) : 0;
    }
    return rates;
  }

  private static void freshnessChart(E2eResult r, Path file) throws IOException {
    List<PhaseSummary> phases = phases(r);
    List<String> names = phases.stream().map(PhaseSummary::phase).toList();
    Charts.bars(
        file,
        "Freshness: send until searchable, per phase",
        "milliseconds",
        names,
        List.of(
            new Charts.Bars("p50", phases.stream().mapToDouble(p -> p.freshness().p50()).toArray()),
            new Charts.Bars("p95", phases.stream().mapToDouble(p -> p.freshness().p95()).toArray()),
            new Charts.Bars(
                "p99", phases.stream().mapToDouble(p -> p.freshness().p99()).toArray())));
  }

  private static void lagChart(E2eResult r, Path file) throws IOException {
    List<Sample> s = r.samples();
    double[] x = s.stream().mapToDouble(Sample::seconds).toArray();
    Charts.lines(
        file,
        "Consumer lag of the job on the raw topic",
        "seconds",
        "records",
        List.of(
            new Charts.Series(
                "committed offsets (Kafka)", x, s.stream().mapToDouble(Sample::kafkaLag).toArray()),
            new Charts.Series(
                "source pendingRecords (Flink; 0 where unknown)",
                x,
                s.stream().mapToDouble(sample -> Math.max(0, sample.sourcePending())).toArray())));
  }

  private static void writeCsv(Path file, String header, List<String> lines) throws IOException {
    List<String> all = new ArrayList<>(lines.size() + 1);
    all.add(header);
    all.addAll(lines);
    Files.write(file, all);
  }
}
