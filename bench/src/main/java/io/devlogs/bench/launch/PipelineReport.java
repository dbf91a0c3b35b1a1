package io.devlogs.bench.launch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of one {@code bench pipeline} run: (a) Kafka's consumer perf tool reading the topic,
 * (b) one ClickHouse HTTP insert of the job's rows, (c) the job end to end, (c') the job from its
 * first to its last commit and (c'') the job warm ({@link WarmHalf}), with the CPU the warm half
 * cost per 1,000 events.
 */
record PipelineReport(
    String runId,
    long events,
    long kafkaRate,
    long clickHouseRate,
    long jobRate,
    long steadyRate,
    Optional<WarmHalf.Figures> warm) {

  static final List<String> RESULTS_HEADER =
      List.of(
          "run", "events", "kafka_ceiling", "clickhouse_ceiling", "job", "job_steady", "job_warm");

  /** A TaskManager thread group under this share of the TaskManager's CPU is summed as "other". */
  static final double THREAD_SHARE_SHOWN = 0.02;

  /** The table printed at the end of the run. */
  String text() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nbench pipeline %s: %d events, same run, same records%n",
            runId,
            events));
    out.append(
        String.format(
            Locale.ROOT,
            "%-62s %10s %10s %12s %13s%n",
            "figure",
            "events/s",
            "(c)/figure",
            "(c')/figure",
            "(c'')/figure"));
    ceiling(out, "(a)  Kafka consumer perf tool reading the topic (ceiling)", kafkaRate);
    ceiling(out, "(b)  ClickHouse HTTP insert of the same rows (ceiling)", clickHouseRate);
    job(out, "(c)  job: topic -> ClickHouse + Cassandra + windows, end to end", jobRate);
    job(out, "(c') job: the same, first to last commit (without start-up)", steadyRate);
    String warmFigure = "(c'') job warm: the second half of the events";
    warm.ifPresentOrElse(
        w -> job(out, warmFigure, w.rate()),
        () -> out.append(String.format(Locale.ROOT, "%-62s %10s%n", warmFigure, "-")));
    warm.ifPresent(w -> cpu(out, w));
    return out.toString();
  }

  private static void job(StringBuilder out, String figure, long rate) {
    out.append(String.format(Locale.ROOT, "%-62s %10d%n", figure, rate));
  }

  private void ceiling(StringBuilder out, String figure, long rate) {
    out.append(
        String.format(
            Locale.ROOT,
            "%-62s %10d %10.3f %12.3f %13s%n",
            figure,
            rate,
            (double) jobRate / rate,
            (double) steadyRate / rate,
            warm.map(w -> String.format(Locale.ROOT, "%.3f", (double) w.rate() / rate))
                .orElse("-")));
  }

  private static void cpu(StringBuilder out, WarmHalf.Figures warm) {
    out.append(
        String.format(
            Locale.ROOT, "%nCPU seconds per 1,000 events in the warm half, by process:%n"));
    byCost(warm.processCpu())
        .forEach(
            e ->
                out.append(
                    String.format(Locale.ROOT, "  %-40s %7.4f%n", e.getKey(), e.getValue())));
    double taskManager = warm.taskManagerThreadCpu().values().stream().mapToDouble(d -> d).sum();
    if (taskManager <= 0) {
      return;
    }
    out.append(
        String.format(
            Locale.ROOT,
            "the TaskManager's %.4f by thread (names cut to 15 characters by Linux):%n",
            taskManager));
    double other = 0;
    for (Map.Entry<String, Double> e : byCost(warm.taskManagerThreadCpu())) {
      if (e.getValue() < THREAD_SHARE_SHOWN * taskManager) {
        other += e.getValue();
      } else {
        thread(out, e.getKey(), e.getValue(), taskManager);
      }
    }
    thread(out, "(other threads)", other, taskManager);
  }

  private static void thread(StringBuilder out, String name, double seconds, double total) {
    out.append(
        String.format(
            Locale.ROOT, "  %-40s %7.4f %5.1f%%%n", name, seconds, 100 * seconds / total));
  }

  private static List<Map.Entry<String, Double>> byCost(Map<String, Double> cpu) {
    List<Map.Entry<String, Double>> entries = new ArrayList<>(cpu.entrySet());
    entries.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
    return entries;
  }

  /** Its row of {@code results.tsv}. */
  List<Object> resultsRow() {
    return List.of(
        runId,
        events,
        kafkaRate,
        clickHouseRate,
        jobRate,
        steadyRate,
        warm.map(w -> Long.toString(w.rate())).orElse(""));
  }
}
