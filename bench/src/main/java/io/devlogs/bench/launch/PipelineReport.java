package io.devlogs.bench.launch;

import java.util.List;
import java.util.Locale;

/**
 * The figures of one {@code bench pipeline} run: (a) Kafka's consumer perf tool reading the topic,
 * (b) one ClickHouse HTTP insert of the job's rows, (c) the job end to end and (c') the job from
 * its first to its last commit.
 */
record PipelineReport(
    String runId, long events, long kafkaRate, long clickHouseRate, long jobRate, long steadyRate) {

  static final List<String> RESULTS_HEADER =
      List.of("run", "events", "kafka_ceiling", "clickhouse_ceiling", "job", "job_steady");

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
            "%-62s %10s %10s %12s%n",
            "figure",
            "events/s",
            "(c)/figure",
            "(c')/figure"));
    ceiling(out, "(a)  Kafka consumer perf tool reading the topic (ceiling)", kafkaRate);
    ceiling(out, "(b)  ClickHouse HTTP insert of the same rows (ceiling)", clickHouseRate);
    out.append(
        String.format(
            Locale.ROOT,
            "%-62s %10d%n",
            "(c)  job: topic -> ClickHouse + Cassandra + windows, end to end",
            jobRate));
    out.append(
        String.format(
            Locale.ROOT,
            "%-62s %10d%n",
            "(c') job: the same, first to last commit (without start-up)",
            steadyRate));
    return out.toString();
  }

  private void ceiling(StringBuilder out, String figure, long rate) {
    out.append(
        String.format(
            Locale.ROOT,
            "%-62s %10d %10.3f %12.3f%n",
            figure,
            rate,
            (double) jobRate / rate,
            (double) steadyRate / rate));
  }

  /** Its row of {@code results.tsv}. */
  List<Object> resultsRow() {
    return List.of(runId, events, kafkaRate, clickHouseRate, jobRate, steadyRate);
  }
}
